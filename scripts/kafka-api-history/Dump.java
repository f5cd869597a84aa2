import org.apache.kafka.common.protocol.ApiKeys;
public class Dump {
  public static void main(String[] a) {
    StringBuilder sb = new StringBuilder("{");
    boolean first = true;
    for (ApiKeys k : ApiKeys.values()) {
      if (!first) sb.append(",");
      first = false;
      sb.append("\"").append(k.id).append("\":{\"max\":").append(k.latestVersion(false)).append(",\"listeners\":[");
      boolean f2 = true;
      for (Object l : k.messageType.listeners()) { if (!f2) sb.append(","); f2 = false; sb.append("\"").append(l).append("\""); }
      sb.append("]}");
    }
    System.out.println(sb.append("}"));
  }
}
