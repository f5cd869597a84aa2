import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

/**
 * Loads each file named on the command line with java.util.Properties, the way Kafka's clients and tools read
 * their configuration (Utils.loadProps: Properties.load of an InputStream, ISO-8859-1), and prints every file's
 * entries as one JSON object {file: {key: value}}, all non-ASCII as \\uXXXX. Run with `java PropertiesDump.java`.
 */
public class PropertiesDump {
  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') b.append('\\').append(c);
      else if (c < 0x20 || c > 0x7e) b.append(String.format("\\u%04x", (int) c));
      else b.append(c);
    }
    return b.append('"').toString();
  }

  public static void main(String[] args) throws IOException {
    StringBuilder out = new StringBuilder("{");
    for (int i = 0; i < args.length; i++) {
      Properties p = new Properties();
      try (InputStream in = new FileInputStream(args[i])) {
        p.load(in);
      }
      if (i > 0) out.append(',');
      out.append(quote(args[i])).append(":{");
      List<String> keys = new ArrayList<>(p.stringPropertyNames());
      Collections.sort(keys);
      for (int k = 0; k < keys.size(); k++) {
        if (k > 0) out.append(',');
        out.append(quote(keys.get(k))).append(':').append(quote(p.getProperty(keys.get(k))));
      }
      out.append('}');
    }
    System.out.println(out.append('}'));
  }
}
