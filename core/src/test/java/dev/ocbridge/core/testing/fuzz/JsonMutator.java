package dev.ocbridge.core.testing.fuzz;

import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Changes a valid JSON tree the ways a broken, newer or hostile peer would: members dropped, duplicated or
 * reordered, values of the wrong JSON type, huge values, deep nesting, random subtrees, and payloads that are
 * JSON written into a string of the outer JSON corrupted inside while the outer JSON stays valid. Works on a
 * copy; the tree given is left as it was.
 */
public final class JsonMutator {
    /** JSON libraries refuse to write deeper trees (Moshi: 255); deeper nesting is made as text instead. */
    private static final int MAX_DEPTH = 240;

    private final RandomJson random;
    private final JsonCodec codec;

    public JsonMutator(RandomJson random, JsonCodec codec) {
        this.random = random;
        this.codec = codec;
    }

    /** One to three changes anywhere in the tree. */
    public Object mutate(Object tree, Random r) {
        Object mutated = copy(tree);
        int changes = 1 + r.nextInt(3);
        for (int i = 0; i < changes; i++) {
            mutated = r.nextInt(3) == 0 ? mutateInsideNestedJson(mutated, r) : mutateOnce(mutated, r);
        }
        return mutated;
    }

    /**
     * Corrupts the JSON inside one string member that holds JSON (a Mattermost {@code data.post}); the outer
     * document stays valid. A tree without such a string gets an ordinary change.
     */
    public Object mutateInsideNestedJson(Object tree, Random r) {
        Object mutated = copy(tree);
        List<Slot> nested = new ArrayList<>();
        for (Slot slot : slots(mutated)) {
            if (codec.nested(slot.get(mutated)) != null) {
                nested.add(slot);
            }
        }
        if (nested.isEmpty()) {
            return mutateOnce(mutated, r);
        }
        Slot slot = nested.get(r.nextInt(nested.size()));
        String text = (String) slot.get(mutated);
        String corrupted = r.nextBoolean()
                ? codec.write(mutate(codec.nested(text), r))
                : TextMutator.corrupt(text, r);
        return slot.set(mutated, corrupted);
    }

    /**
     * The same document with members the format does not know added to its objects (down to {@code levels}
     * containers deep, and at the top of JSON held in strings there) and the members of objects reordered:
     * changes a lenient reader must not see.
     */
    public Object withUnknownMembers(Object tree, Random r, int levels) {
        return noise(copy(tree), r, levels);
    }

    private Object noise(Object value, Random r, int levels) {
        if (value instanceof Map<?, ?> map && levels >= 0) {
            List<Map.Entry<String, Object>> members = new ArrayList<>();
            map.forEach((name, member) -> members.add(new SimpleEntry<>((String) name, member)));
            int unknown = 1 + r.nextInt(2);
            for (int i = 0; i < unknown; i++) {
                members.add(new SimpleEntry<>("unknownFuzzMember" + r.nextInt(1000), random.value(r, 2)));
            }
            if (r.nextBoolean()) {
                Collections.shuffle(members, r);
            }
            Map<String, Object> noisy = new LinkedHashMap<>();
            members.forEach(member -> noisy.putIfAbsent(member.getKey(), noise(member.getValue(), r, levels - 1)));
            return noisy;
        }
        if (value instanceof List<?> list && levels >= 0) {
            List<Object> noisy = new ArrayList<>();
            list.forEach(element -> noisy.add(noise(element, r, levels - 1)));
            return noisy;
        }
        Object nested = levels >= 0 ? codec.nested(value) : null;
        if (nested instanceof Map<?, ?>) {
            return codec.write(noise(nested, r, 0));
        }
        return value;
    }

    private Object mutateOnce(Object root, Random r) {
        List<Slot> slots = slots(root);
        Slot slot = slots.get(r.nextInt(slots.size()));
        Object value = slot.get(root);
        switch (r.nextInt(10)) {
            case 0:
                if (slot.container() != null) {
                    slot.remove();
                    return root;
                }
                return slot.set(root, otherType(value, r));
            case 1:
                return slot.set(root, otherType(value, r));
            case 2:
                return slot.set(root, huge(r));
            case 3: {
                int room = MAX_DEPTH - slot.depth() - depth(value);
                return room < 1 ? root : slot.set(root, nest(value, r, 1 + r.nextInt(room)));
            }
            case 4:
                return slot.set(root, random.value(r, 3));
            case 5:
                return slot.set(root, empty(value));
            case 6:
                duplicate(slot, value, r);
                return root;
            case 7:
                return slot.set(root, reordered(value, r));
            case 8:
                return slot.set(root, extended(value, r));
            default:
                return slot.set(root, tweaked(value, r));
        }
    }

    private Object otherType(Object value, Random r) {
        for (int attempt = 0; attempt < 10; attempt++) {
            Object other = random.value(r, 2);
            if (kind(other) != kind(value)) {
                return other;
            }
        }
        return value == null ? "null" : null;
    }

    private Object huge(Random r) {
        switch (r.nextInt(5)) {
            case 0:
                return "x".repeat(10_000 + r.nextInt(40_000));
            case 1:
                return RandomJson.randomText(r, 5_000);
            case 2: {
                List<Object> many = new ArrayList<>();
                int count = 2_500 + r.nextInt(2_500);
                for (int i = 0; i < count; i++) {
                    many.add((long) i);
                }
                return many;
            }
            case 3: {
                Map<String, Object> wide = new LinkedHashMap<>();
                int count = 500 + r.nextInt(1_000);
                for (int i = 0; i < count; i++) {
                    wide.put(random.name(r) + i, (long) i);
                }
                return wide;
            }
            default:
                return r.nextBoolean() ? 1e308 : Long.MAX_VALUE;
        }
    }

    private Object nest(Object value, Random r, int depth) {
        Object nested = value;
        boolean arrays = r.nextBoolean();
        for (int i = 0; i < depth; i++) {
            if (arrays) {
                List<Object> array = new ArrayList<>();
                array.add(nested);
                nested = array;
            } else {
                Map<String, Object> object = new LinkedHashMap<>();
                object.put(random.name(r), nested);
                nested = object;
            }
        }
        return nested;
    }

    private static Object empty(Object value) {
        if (value instanceof Map<?, ?>) {
            return new LinkedHashMap<String, Object>();
        }
        if (value instanceof List<?>) {
            return new ArrayList<>();
        }
        return value instanceof String ? 0L : "";
    }

    private void duplicate(Slot slot, Object value, Random r) {
        if (slot.container() instanceof List<?> list) {
            castList(list).add((Integer) slot.key(), copy(value));
        } else if (slot.container() instanceof Map<?, ?> map) {
            castMap(map).putIfAbsent(random.name(r), copy(value));
        }
    }

    private static Object reordered(Object value, Random r) {
        if (value instanceof Map<?, ?> map) {
            List<Map.Entry<?, ?>> members = new ArrayList<>(map.entrySet());
            Collections.shuffle(members, r);
            Map<String, Object> shuffled = new LinkedHashMap<>();
            members.forEach(member -> shuffled.put((String) member.getKey(), member.getValue()));
            return shuffled;
        }
        if (value instanceof List<?> list) {
            List<Object> shuffled = new ArrayList<>(list);
            Collections.shuffle(shuffled, r);
            return shuffled;
        }
        return value;
    }

    private Object extended(Object value, Random r) {
        if (value instanceof Map<?, ?> map) {
            castMap(map).put(random.name(r), random.value(r, 2));
            return map;
        }
        if (value instanceof List<?> list) {
            castList(list).add(random.value(r, 2));
            return list;
        }
        return random.value(r, 2);
    }

    private Object tweaked(Object value, Random r) {
        if (value instanceof String text) {
            switch (r.nextInt(5)) {
                case 0:
                    return text.substring(0, r.nextInt(text.length() + 1));
                case 1:
                    return " " + text + " ";
                case 2:
                    return text.toUpperCase(Locale.ROOT);
                case 3:
                    return text + RandomJson.randomText(r, 1 + r.nextInt(5));
                default:
                    return TextMutator.corrupt(text, r);
            }
        }
        if (value instanceof Long number) {
            // Numbers as strings too: JSON libraries read "7" as 7, and "7.5" or "1e999" may surprise them.
            Object[] near = {-number, number + 1, number - 1, Long.MAX_VALUE, 0L, number + 0.5,
                    String.valueOf(number), number + ".5", "1e999", "-0"};
            return near[r.nextInt(near.length)];
        }
        if (value instanceof Double number) {
            Object[] near = {-number, number + 0.5, Math.floor(number) + 1, 1e300, Double.MIN_VALUE,
                    String.valueOf(number), "NaN", "Infinity", "1e999"};
            return near[r.nextInt(near.length)];
        }
        if (value instanceof Boolean flag) {
            return r.nextBoolean() ? (Object) !flag : String.valueOf(flag);
        }
        return extended(value, r);
    }

    private static int depth(Object value) {
        int deepest = 0;
        if (value instanceof Map<?, ?> map) {
            for (Object member : map.values()) {
                deepest = Math.max(deepest, depth(member));
            }
            return deepest + 1;
        }
        if (value instanceof List<?> list) {
            for (Object element : list) {
                deepest = Math.max(deepest, depth(element));
            }
            return deepest + 1;
        }
        return 0;
    }

    private static int kind(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof Boolean) {
            return 1;
        }
        if (value instanceof Number) {
            return 2;
        }
        if (value instanceof String) {
            return 3;
        }
        return value instanceof Map<?, ?> ? 4 : 5;
    }

    /** A deep copy, so that a mutation never reaches the samples. */
    public static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((name, member) -> copy.put((String) name, copy(member)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(element -> copy.add(copy(element)));
            return copy;
        }
        return value;
    }

    /** Every place of the tree that holds a value: the root (no container), each member and each element. */
    private static List<Slot> slots(Object root) {
        List<Slot> slots = new ArrayList<>();
        slots.add(new Slot(null, null, 0));
        collect(root, 1, slots);
        return slots;
    }

    private static void collect(Object value, int depth, List<Slot> slots) {
        if (slots.size() > 10_000) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((name, member) -> {
                slots.add(new Slot(map, name, depth));
                collect(member, depth + 1, slots);
            });
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                slots.add(new Slot(list, i, depth));
                collect(list.get(i), depth + 1, slots);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> castList(List<?> list) {
        return (List<Object>) list;
    }

    /** A place in a tree: {@code key} of {@code container}, or the root when there is no container. */
    private record Slot(Object container, Object key, int depth) {

        Object get(Object root) {
            if (container instanceof Map<?, ?> map) {
                return map.get(key);
            }
            if (container instanceof List<?> list) {
                return list.get((Integer) key);
            }
            return root;
        }

        /** Puts {@code value} here and returns the root, which is {@code value} itself for the root slot. */
        Object set(Object root, Object value) {
            if (container instanceof Map<?, ?> map) {
                castMap(map).put((String) key, value);
                return root;
            }
            if (container instanceof List<?> list) {
                castList(list).set((Integer) key, value);
                return root;
            }
            return value;
        }

        void remove() {
            if (container instanceof Map<?, ?> map) {
                map.remove(key);
            } else if (container instanceof List<?> list) {
                list.remove((int) (Integer) key);
            }
        }
    }
}
