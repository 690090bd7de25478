// Writes serial-*.bin: one Java serialization stream (one object) per file, each
// using a different part of the grammar the JCEKS secret-key skipper must walk
// (src/load/jks tests check that the skipper consumes each file exactly).
// Run: java SerialSamples.java OUTDIR   (make.sh does this)
import java.io.*;
import java.lang.reflect.*;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.TimeUnit;
import javax.crypto.*;
import javax.crypto.spec.*;

public class SerialSamples {
    static Path out;

    static void write(String name, Object o, boolean reset) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ObjectOutputStream oos = new ObjectOutputStream(b);
        if (reset) oos.reset();
        oos.writeObject(o);
        oos.flush();
        Files.write(out.resolve("serial-" + name + ".bin"), b.toByteArray());
    }

    /** writeObject with primitive block data (short and > 255 bytes) and objects. */
    static class Custom implements Serializable {
        private static final long serialVersionUID = 1L;
        int x = 7;
        String s = "field";
        private void writeObject(ObjectOutputStream o) throws IOException {
            o.defaultWriteObject();
            o.writeInt(42);
            o.writeObject(List.of("annotation", 1L));
            o.write(new byte[1000]);
            o.writeUTF("tail");
        }
    }

    static class Parent implements Serializable {
        private static final long serialVersionUID = 2L;
        long p = 1;
        double[] d = {1.5, 2.5};
    }

    static class Child extends Parent {
        private static final long serialVersionUID = 3L;
        char c = 'c';
        Object self = this;
        Object nothing = null;
        short sh = 3;
        boolean z = true;
        byte by = 9;
        float f = 1f;
        TimeUnit unit = TimeUnit.SECONDS;
    }

    /** Externalizable: written with block data (protocol 2). */
    public static class Ext implements Externalizable {
        private static final long serialVersionUID = 4L;
        public Ext() {}
        public void writeExternal(ObjectOutput o) throws IOException {
            o.writeInt(1);
            o.writeObject("inside");
        }
        public void readExternal(ObjectInput i) {}
    }

    static class Handler implements InvocationHandler, Serializable {
        private static final long serialVersionUID = 5L;
        public Object invoke(Object p, Method m, Object[] a) { return null; }
    }

    public static void main(String[] args) throws Exception {
        out = Paths.get(args[0]);
        // What JceKeyStore stores: a SealedObject subclass (here the public parent).
        SecretKey k = new SecretKeySpec(new byte[16], "AES");
        Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
        c.init(Cipher.ENCRYPT_MODE, k, new IvParameterSpec(new byte[16]));
        write("sealed-object", new SealedObject("secret", c), false);
        Map<String, Object> m = new HashMap<>();
        m.put("list", new ArrayList<>(List.of("a", "b", "a")));
        m.put("int", 1);
        m.put("bytes", new byte[] {1, 2, 3});
        m.put("matrix", new int[][] {{1, 2}, {3}});
        m.put("strings", new String[] {"x", null, "x"});
        m.put("longs", new long[] {1, 2});
        m.put("chars", new char[] {'a'});
        m.put("bools", new boolean[] {true});
        write("hashmap", m, false);
        write("custom-write-method", new Custom(), false);
        write("hierarchy-enum-self-reference", new Child(), false);
        write("externalizable", new Ext(), false);
        write("proxy", Proxy.newProxyInstance(SerialSamples.class.getClassLoader(),
                new Class<?>[] {Runnable.class, Serializable.class}, new Handler()), false);
        write("class", new Object[] {String.class, int[].class, ObjectStreamClass.lookup(String.class)}, false);
        List<Object> cyclic = new ArrayList<>();
        cyclic.add(cyclic);
        write("cyclic-list", cyclic, false);
        write("enum-map", new EnumMap<>(Map.of(TimeUnit.DAYS, "d")), false);
        write("reset-first", "after reset", true);
        write("null", null, false);
    }
}
