#!/usr/bin/env bash
# Makes a test CA, a broker certificate and a client certificate with `keytool` (Java 17), and the client's
# trust and key stores in the three formats the tool reads (JKS, PKCS12, PEM). Used by `rig.sh start` (for the
# rig's SASL_SSL listener) and, once, for the checked-in unit-test fixtures under test/fixtures/tls:
#
#   bash scripts/rig/make-certs.sh DIR [PASSWORD] [CA-NAME]
#
# Writes into DIR:
#   ca.pem                      the CA certificate (PEM)
#   truststore.jks/.p12         the CA certificate as a trusted entry, store password PASSWORD
#   broker.p12                  the broker's key + chain (CN=localhost, SAN dns:localhost, ip:127.0.0.1)
#   client.jks/.p12             the client's key + chain (CN=alikafka-migrate-client), store and key password PASSWORD
#   client.pem                  the same key (unencrypted PKCS#8) and chain in one PEM file (needs openssl)
#   client-encrypted.pem        the same key encrypted with PASSWORD (PKCS#8, AES-256) and the chain (needs openssl)
# Nothing here is a secret: these are throwaway test certificates, valid for 100 years.
set -euo pipefail

DIR="${1:?usage: make-certs.sh DIR [PASSWORD] [CA-NAME]}"
PW="${2:-rig-store-secret}"
CA_NAME="${3:-alikafka-migrate test CA}"
DAYS=36500
mkdir -p "$DIR"
cd "$DIR"
rm -f ca.p12 ca.pem truststore.jks truststore.p12 broker.p12 broker.csr broker.crt client.jks client.p12 client.csr client.crt \
  client.pem client-encrypted.pem

kt() { keytool -J-XX:TieredStopAtLevel=1 -J-XX:+UseSerialGC -J-Xshare:auto "$@" >/dev/null 2>&1 || { echo "make-certs: keytool $1 failed" >&2; keytool "$@" >&2; exit 1; }; }

# the CA (a key pair whose certificate is a CA)
kt -genkeypair -alias ca -keyalg RSA -keysize 2048 -dname "CN=$CA_NAME" -ext bc:c -validity "$DAYS" \
  -keystore ca.p12 -storetype PKCS12 -storepass "$PW"
kt -exportcert -rfc -alias ca -keystore ca.p12 -storepass "$PW" -file ca.pem

# the client's truststores: the CA as a trusted certificate
kt -importcert -noprompt -alias ca -file ca.pem -keystore truststore.jks -storetype JKS -storepass "$PW"
kt -importcert -noprompt -alias ca -file ca.pem -keystore truststore.p12 -storetype PKCS12 -storepass "$PW"

# a key pair signed by the CA, in a PKCS12 store with the chain: sign NAME CN SAN
sign() {
  local name="$1" cn="$2" san="$3"
  kt -genkeypair -alias "$name" -keyalg RSA -keysize 2048 -dname "CN=$cn" -validity "$DAYS" \
    -keystore "$name.p12" -storetype PKCS12 -storepass "$PW"
  kt -certreq -alias "$name" -keystore "$name.p12" -storepass "$PW" -file "$name.csr"
  if [ -n "$san" ]; then
    kt -gencert -rfc -alias ca -keystore ca.p12 -storepass "$PW" -infile "$name.csr" -outfile "$name.crt" -validity "$DAYS" -ext "SAN=$san"
  else
    kt -gencert -rfc -alias ca -keystore ca.p12 -storepass "$PW" -infile "$name.csr" -outfile "$name.crt" -validity "$DAYS"
  fi
  kt -importcert -noprompt -alias ca -file ca.pem -keystore "$name.p12" -storepass "$PW"
  kt -importcert -alias "$name" -file "$name.crt" -keystore "$name.p12" -storepass "$PW"
  rm -f "$name.csr"
}
sign broker localhost "dns:localhost,ip:127.0.0.1"

if [ "${MAKE_CERTS_CLIENT:-1}" = 1 ]; then
  sign client alikafka-migrate-client ""
  kt -importkeystore -srckeystore client.p12 -srcstoretype PKCS12 -srcstorepass "$PW" -srcalias client \
    -destkeystore client.jks -deststoretype JKS -deststorepass "$PW" -destkeypass "$PW"
  if command -v openssl >/dev/null; then
    openssl pkcs12 -in client.p12 -passin "pass:$PW" -nocerts -nodes 2>/dev/null | openssl pkcs8 -topk8 -nocrypt >client.pem
    cat client.crt ca.pem >>client.pem
    openssl pkcs12 -in client.p12 -passin "pass:$PW" -nocerts -nodes 2>/dev/null \
      | openssl pkcs8 -topk8 -v2 aes-256-cbc -passout "pass:$PW" >client-encrypted.pem
    cat client.crt ca.pem >>client-encrypted.pem
  fi
fi
rm -f broker.crt client.crt
