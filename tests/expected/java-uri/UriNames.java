// Oracle for src/java/uri.rs: prints whether sun.security.x509.URIName(String)
// accepts each test string (accepted = the constructor throws nothing).
//
// Regenerate, from the repository root, with Java 17:
//   java --add-exports java.base/sun.security.x509=ALL-UNNAMED \
//     tests/expected/java-uri/UriNames.java > tests/expected/java-uri/uri-names.tsv
//
// Output: one line per string, "accepted|rejected<TAB>string", where every
// char outside ! to ~ and every backslash is written as backslash, u, and four
// hex digits (one per
// UTF-16 unit). Host names ending in "." make Java do a DNS look-up, so
// those cases use the reserved ".invalid" domain, which never resolves.
// IPv6 scope ids that name a network interface depend on the machine's
// interfaces, so the cases use names no machine has.

import java.util.ArrayList;
import java.util.List;

public class UriNames {
    static final String[] CASES = {
        // schemes
        "http://example.com/", "HTTP://EXAMPLE.COM/", "h://a", "a1+-.://x/",
        "1http://example.com/", "+a:b", "-a:b", ".a:b", "a_b:c", "a b:c",
        "ab%41:c", "\u00e9:c", ":foo", "://x", "a:", "a:#", "a:#f", "a:b#",
        "a:/", "a://", "a:///", "a:////", "a:/#", "a:?", "a:?q", "a:/?q#f",
        "", "x", "example.com", "/path/only", "//example.com/",
        "?q", "#f", "a", "http:", "http:/", "http:/x", "http:x",
        // opaque
        "mailto:user@example.com", "urn:isbn:0451450523",
        "urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66", "news:comp.lang.java",
        "tel:+1-816-555-1212", "mailto:a b@c", "mailto:%20", "mailto:%2",
        "mailto:%zz", "mailto:a%", "urn:a#b", "urn:a#b#c", "urn:a[b]",
        "urn:a{b}", "urn:a|b", "urn:a\\b", "urn:a^b", "urn:a`b", "urn:a\"b",
        "urn:a<b>", "urn:\u00e9", "urn:\ufffd", "urn:\u0080", "urn:\u0081",
        "urn:\u009f", "urn:\u00a0", "urn:\u00a1", "urn:\u2028", "urn:\u3000",
        "urn:\u1680", "urn:\u180e", "urn:\u200b", "urn:\ud83d\ude00",
        "urn:\ufeff", "urn:a\u0000b", "urn:a\tb", "urn:a\nb", "urn:a\u007fb",
        // empty authority, paths
        "file:///etc/hosts", "file://", "file:///", "file://?q", "file://#f",
        "file:///a b", "file:///a%20b", "file:///a%2", "file:///a%g0",
        "file:///%C3%A9", "file:///\u00e9", "file:///\ufffd", "file:////x",
        "file:/x/../y", "file:///a;b=c/d", "file:///a:b@c", "file:///[x]",
        "file:///a]b", "file:///a#b#c", "file:///a?b?c", "file:///a?b#c?d",
        "file:///a?[x]#[y]", "file:///a\\b", "file:///a{b}",
        // hosts
        "http://a/", "http://a.b/", "http://a.b.c.example.com/",
        "http://a-b.com/", "http://-a.com/", "http://a-.com/", "http://a.-b.com/",
        "http://a_b.com/", "http://_a.com/", "http://a..b/", "http://.a.b/",
        "http://a.b./", "http://host.invalid./", "http://a.invalid./",
        "http://a.1/", "http://1.a/", "http://a.1b/", "http://a.b1/",
        "http://123/", "http://1a/", "http://a1/", "http://1-2/", "http://1--2.com/",
        "http://xn--bcher-kva.example/", "http://b\u00fccher.example/",
        "http://\ufffd.example/", "http://ex ample.com/", "http://ex%41mple.com/",
        "http://ex%4mple.com/", "http://ex%zzmple.com/", "http://example.com%/",
        "http://a!b/", "http://a$b/", "http://a&b/", "http://a'b/", "http://a(b)/",
        "http://a*b/", "http://a+b/", "http://a,b/", "http://a;b/", "http://a=b/",
        "http://a~b/", "http://a\"b/", "http://a<b/", "http://a{b/", "http://a|b/",
        "http://a\\b/", "http://a^b/", "http://a`b/",
        "http://" + "a".repeat(63) + ".com/", "http://" + "a".repeat(64) + ".com/",
        "http://" + "a".repeat(64) + "/", "http://" + "a.".repeat(126) + "b/",
        "http://" + "a.".repeat(127) + "bc/", "http://" + "a.".repeat(127) + "b/",
        // IPv4
        "http://1.2.3.4/", "http://1.2.3.4:80/", "http://255.255.255.255/",
        "http://256.1.1.1/", "http://1.2.3.256/", "http://1.2.3/", "http://1.2/",
        "http://1/", "http://1.2.3.4.5/", "http://01.02.03.04/",
        "http://001.002.003.004/", "http://0001.2.3.4/", "http://1.2.3.4./",
        "http://1.2.3.4a/", "http://1.2.3.a/", "http://a.1.2.3/", "http://1..2.3/",
        "http://0x1.2.3.4/", "http://0x7f000001/", "http://2130706433/",
        "http://99999999999.1.1.1/", "http://1.1.1.99999999999/",
        "http://1.2.3.4:/", "http://1.2.3.4:x/", "http://1.2.3.4@5.6.7.8/",
        "http://1.2.3.4%20/", "http://1.2.3.4-5/", "http://1.2.3.04/",
        // userinfo
        "http://user@example.com/", "http://user:pass@example.com/",
        "http://us er@example.com/", "http://us%20er@example.com/",
        "http://us%2@example.com/", "http://u@v@example.com/", "http://@example.com/",
        "http://user@/", "http://user@:80/", "http://u;&=+$,:@h/", "http://u!~*'()@h/",
        "http://u[x]@h/", "http://\u00e9@h/", "http://\ufffd@h/", "http://u\u00a0@h/",
        "http://user@a_b.com/", "http://user@[::1]/", "http://user@1.2.3.4:8/",
        // ports
        "http://a:0/", "http://a:80/", "http://a:65535/", "http://a:65536/",
        "http://a:2147483647/", "http://a:2147483648/", "http://a:99999999999999999999/",
        "http://a:00000000000000000080/", "http://a:/", "http://a::80/", "http://a:8a/",
        "http://a:-1/", "http://a:+1/", "http://a:80:80/", "http://a: 80/",
        "http://a:%38%30/", "http://:80/", "http://a:80", "http://a:80?q", "http://a:80#f",
        // IPv6
        "http://[::1]/", "http://[::]/", "http://[::1]:443/", "http://[1:2:3:4:5:6:7:8]/",
        "http://[1:2:3:4:5:6:7]/", "http://[1:2:3:4:5:6:7:8:9]/", "http://[1:2:3:4:5:6:7::]/",
        "http://[1:2:3:4:5:6:7:8::]/", "http://[::1:2:3:4:5:6:7]/", "http://[::1:2:3:4:5:6:7:8]/",
        "http://[1::2::3]/", "http://[1:::2]/", "http://[:1]/", "http://[1:]/",
        "http://[fe80::1%1]/", "http://[fe80::1%25]/", "http://[fe80::1%0]/",
        "http://[fe80::1%99999999999]/", "http://[fe80::1%2147483647]/",
        "http://[fe80::1%2147483648]/", "http://[fe80::1%]/", "http://[fe80::1%%1]/",
        "http://[fe80::1%no-such0]/", "http://[fe80::1%nosuchif0]/", "http://[fe80::1%a_b.c]/",
        "http://[fe80::1%1 ]/", "http://[%1]/", "http://[::1%1]/", "http://[::1%1]:80/",
        "http://[::ffff:1.2.3.4]/", "http://[::ffff:1.2.3.4%1]/", "http://[::ffff:102:304]/",
        "http://[::ffff:102:304%1]/", "http://[0:0:0:0:0:ffff:1.2.3.4]/",
        "http://[0:0:0:0:0:ffff:1.2.3.4%3]/", "http://[::1.2.3.4]/", "http://[::1.2.3.4%1]/",
        "http://[1:2:3:4:5:6:1.2.3.4]/", "http://[1:2:3:4:5:6:7:1.2.3.4]/",
        "http://[1:2:3:4:5:1.2.3.4]/", "http://[1::1.2.3.4]/", "http://[1::2:1.2.3.4]/",
        "http://[::1.2.3]/", "http://[::1.2.3.4.5]/", "http://[::256.1.1.1]/",
        "http://[::01.02.03.04]/", "http://[::0001.0002.0003.0004]/", "http://[::001.002.003.004]/",
        "http://[::1.2.3.99999999999]/", "http://[::12345]/", "http://[::1234]/",
        "http://[::00001]/", "http://[::g]/", "http://[::1]x/", "http://[::1]:/",
        "http://[::1]:x/", "http://[::1/", "http://::1]/", "http://[]/", "http://[::1]]/",
        "http://[[::1]]/", "http://a[::1]/", "http://[::1]@h/", "http://u@[::1]/",
        "http://[1.2.3.4]/", "http://[v1.x]/", "http://[ABCD::EF01]/",
        "http://[abcd:ef01:2345:6789:abcd:ef01:2345:6789]/", "http://[::%1]/",
        "http://]/", "http://]a/", "http://a]/", "http://a]%zz/", "http://]%zz/",
        "http://a%zz]/", "http://%zz/", "http://a%/", "http://%41/",
        // queries and fragments
        "http://a/?q=1&r=2", "http://a/?q=a b", "http://a/?q=%", "http://a/?q=[]",
        "http://a/?q=?", "http://a/?q=/", "http://a/#f", "http://a/#f#g", "http://a/#f?g",
        "http://a/#f/g", "http://a/#[f]", "http://a/#%41", "http://a/#%4", "http://a/#\u00e9",
        "http://a/#", "http://a/?", "http://a/?#", "http://a?q", "http://a#f", "http://a?q#f",
        "http://a/#f\u0000", "http://a/?\u007f", "http://a/p\u0085",
        // backslashes and oddities
        "http:\\\\example.com\\", "http://example.com\\path", "http://exa\\mple.com/",
        "http:///example.com/", "http:////example.com/", "http://example.com//",
        "ldap://ldap.example.com/cn=CA,dc=example,dc=com?certificateRevocationList;binary",
        "ldap:///cn=CA,dc=example?cACertificate", "http://crl.example.com/ca.crl",
        "http://www.example.com:8080/a/b;c?d=e#f", "https://[2001:db8::1]:8443/x",
        "ftp://ftp.is.co.za/rfc/rfc1808.txt", "telnet://192.0.2.16:80/",
        "http://example.com:80:80/", "http://a b/", " http://a/", "http://a/ ",
        "http://a/\t", "\thttp://a/", "http://a\u3000/", "http://\u00a0/", "http://a/\ufffd",
        "\ufffd://a/", "a\ufffd:b", "a:\ufffd", "s://\ufffd\ufffd", "s://a@\ufffd",
        "s://\ud83d\ude00/", "s://a/\ud83d\ude00", "s://1.2.3.4\ufffd/",
        "http://123./", "http://0.invalid./", "http://]a%41/", "http://]/%zz", "http://a]@b/",
        "http://[::1]%zz/", "http://%zz@[::1]/", "http://a%zz@b/", "http://a%41@b/",
        "http://[::1]%41/", "http://a:1%41/", "http://a.b%41/", "http://a%41.b/",
        "http://[::ffff:1.2.3.4]:8/", "http://[::1:2:3:4:5:6:1.2.3.4]/",
        "http://[1:2:3:4:5:6:7:8%1]/", "http://[fe80::%1]/", "http://[::%a]/",
        "s:/[::1]", "s:[::1]", "s://[::1]/[::1]", "s://a/b/../../..", "s:.", "s:..",
    };

    // Fragments glued at random (fixed seed) into further cases.
    static final String[] PIECES = {
        "s:", "S1+:", "//", "/", "?", "#", "@", ":", "::", "[", "]", "%", "%4", "%41", "%zz",
        "%1", ".", "..", "-", "_", "a", "b-c", "x1", "1", "09", "255", "256", "1.2.3.4", "ffff",
        "fe80", "0:0", "\ufffd", "\u00e9", " ", "\\", "80", "99999999999", "invalid.",
        "!", "$", "'", "~", ";", "=", "|",
    };

    static List<String> randomCases(int count) {
        java.util.Random random = new java.util.Random(20251117L);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder sb = new StringBuilder(i % 3 == 0 ? "s://" : i % 3 == 1 ? "s:" : "");
            int pieces = 1 + random.nextInt(7);
            for (int k = 0; k < pieces; k++) sb.append(PIECES[random.nextInt(PIECES.length)]);
            out.add(sb.toString());
        }
        return out;
    }

    // Chars probed in every position of the templates below.
    static List<String> probeChars() {
        List<String> out = new ArrayList<>();
        for (char c = 0; c < 0x80; c++) out.add(String.valueOf(c));
        for (char c : "\u0080\u0085\u009f\u00a0\u00a1\u00e9\u1680\u2000\u200a\u200b\u2028\u2029\u202f\u205f\u3000\ud7ff\ue000\ufeff\ufffd\uffff".toCharArray()) out.add(String.valueOf(c));
        out.add("\ud83d\ude00");
        return out;
    }

    static final String[] TEMPLATES = {
        "s%c:x", "s:%c", "s:/%c", "s://h/%c", "s://h?%c", "s://h#%c", "s://%c@h/", "s://h%c/",
        "s://h:%c/", "s://[::1%c]/", "s://[fe80::1%%1%c]/", "s://%c/",
    };

    public static void main(String[] args) {
        List<String> all = new ArrayList<>(List.of(CASES));
        all.addAll(randomCases(3000));
        for (String t : TEMPLATES) {
            for (String c : probeChars()) {
                all.add(t.replace("%%", "\u0001").replace("%c", c).replace("\u0001", "%"));
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("# Made by tests/expected/java-uri/UriNames.java (")
          .append(System.getProperty("java.vm.name")).append(' ')
          .append(System.getProperty("java.runtime.version"))
          .append("): sun.security.x509.URIName(String) accepts or rejects each string; \\uXXXX escapes\n");
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String s : all) {
            if (!seen.add(s)) continue;
            boolean ok;
            try {
                new sun.security.x509.URIName(s);
                ok = true;
            } catch (Throwable e) {
                ok = false;
            }
            sb.append(ok ? "accepted" : "rejected").append('\t').append(escape(s)).append('\n');
        }
        System.out.print(sb);
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c > ' ' && c < 0x7f && c != '\\') sb.append(c);
            else sb.append(String.format("\\u%04X", (int) c));
        }
        return sb.toString();
    }
}
