# Sourced by scripts/tofu.sh and scripts/time-provider.sh, which build tools from their source on the Go module
# proxy (offline machines reach it; `go install` refuses modules with replace directives).
# go_module_source NAME MODULE VERSION DEST: the module's source at vVERSION, downloaded through `go mod download`
# (its module cache), copied into DEST (replaced, writable, for `go build`); progress and errors on stderr, named NAME.
go_module_source() {
  local name="$1" module="$2" version="$3" dest="$4" dir
  echo "$name: downloading $module@v$version from the Go module proxy" >&2
  dir="$(go mod download -json "$module@v$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p')"
  [ -d "$dir" ] || { echo "$name: go mod download gave no module directory" >&2; return 1; }
  rm -rf "$dest"
  cp -r "$dir" "$dest"
  chmod -R u+w "$dest"
}
