// The real Quartz as a test oracle: reads one JSON request a line on standard input and answers
// each with one JSON line on standard output (tests/quartz_oracle/oracle.py is the other end).
//
// Requests (flat JSON objects; times are milliseconds since the epoch, offsets milliseconds):
//   {"id": 1, "op": "hello"}
//       -> {"id": 1, "status": "ok", "version": "2.3.2", "max_year": 2126}
//   {"id": 2, "op": "cron", "expr": "0 0 12 ? * 2", "offset": 28800000,
//    "start": 0 | null, "end": 0 | null, "after": 0, "count": 20}
//   {"id": 3, "op": "simple", "offset": 0, "start": 0, "end": 0 | null,
//    "interval": 60000, "repeat": -1, "after": 0, "count": 20}
//       -> {"id": 2, "status": "ok", "fires": [...]}: trigger.getFireTimeAfter(after), then
//          getFireTimeAfter of each fire, `count` times at most (fewer when it returns null);
//          "refused" with "message" when Quartz will not build the trigger (the expression,
//          an end before the start, a zero interval that repeats); "crashed" with "message"
//          when computing a fire time throws; "timeout" when one took longer than the limit
//          (Quartz 2.3.2 loops for ever on some expressions; "limit" in ms overrides the
//          default). "fires" holds the times found before a crash or a timeout.
//
// A cron trigger's `after` is given in whole seconds: for W, LW and L-nW, CronExpression
// compares a candidate built on Calendar.getInstance(), which keeps the wall clock's
// milliseconds, with `after` plus one second, so a fraction of a second in `after` makes the
// answer depend on the moment of the call. The caller floors `after` (the same fire times).

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SimpleTimeZone;
import java.util.concurrent.atomic.AtomicReference;

import org.quartz.CronExpression;
import org.quartz.impl.triggers.CronTriggerImpl;
import org.quartz.impl.triggers.SimpleTriggerImpl;
import org.quartz.spi.OperableTrigger;

public final class QuartzOracle {

    /** How long one request may compute, in milliseconds (the first argument sets it). */
    private static long limitMillis = 500;

    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            limitMillis = Long.parseLong(args[0]);
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(System.out, false, "UTF-8");
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, Object> request;
            try {
                request = Json.parse(line);
            } catch (RuntimeException e) {
                out.println(Json.answer(-1, "error", "unreadable request: " + e.getMessage(), null));
                out.flush();
                continue;
            }
            long id = request.get("id") instanceof Long ? (Long) request.get("id") : -1;
            Answer answer = answer(request);
            out.println(Json.answer(id, answer.status, answer.message, answer.fires, answer.extra));
            out.flush();
            if (answer.stuck) {
                System.exit(3); // a thread that cannot be stopped still computes: start afresh
            }
        }
    }

    /** What a request gets back. */
    static final class Answer {
        String status = "ok";
        String message;
        List<Long> fires;
        Map<String, Object> extra;
        boolean stuck;
    }

    static Answer answer(Map<String, Object> request) {
        Answer answer = new Answer();
        String op = String.valueOf(request.get("op"));
        try {
            switch (op) {
                case "hello":
                    answer.extra = new LinkedHashMap<>();
                    answer.extra.put("version", quartzVersion());
                    answer.extra.put("max_year", (long) CronExpression.MAX_YEAR);
                    answer.extra.put("java", System.getProperty("java.version"));
                    return answer;
                case "cron":
                case "simple":
                    return fires(op, request);
                default:
                    answer.status = "error";
                    answer.message = "unknown op " + op;
                    return answer;
            }
        } catch (RuntimeException e) {
            answer.status = "error";
            answer.message = e.toString();
            return answer;
        }
    }

    /** Builds the trigger (or says why Quartz refuses it), then walks its fire times. */
    static Answer fires(String op, Map<String, Object> request) {
        Answer answer = new Answer();
        OperableTrigger trigger;
        try {
            trigger = op.equals("cron") ? cronTrigger(request) : simpleTrigger(request);
        } catch (Exception e) { // ParseException, IllegalArgumentException, SchedulerException
            answer.status = "refused";
            answer.message = e.getMessage() == null ? e.toString() : e.getMessage();
            return answer;
        }
        long after = number(request, "after");
        long count = number(request, "count");
        long limit = request.get("limit") instanceof Long ? (Long) request.get("limit") : limitMillis;
        List<Long> fires = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                Date moment = new Date(after);
                while (fires.size() < count) {
                    Date fire = trigger.getFireTimeAfter(moment);
                    if (fire == null) {
                        break;
                    }
                    synchronized (fires) {
                        fires.add(fire.getTime());
                    }
                    moment = fire;
                }
            } catch (ThreadDeath death) {
                throw death;
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "fire-times");
        worker.setDaemon(true);
        worker.start();
        try {
            worker.join(limit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (fires) {
            answer.fires = new ArrayList<>(fires);
        }
        if (worker.isAlive()) {
            answer.status = "timeout";
            answer.message = "no answer within " + limit + " ms";
            answer.stuck = !stop(worker);
            if (answer.stuck) {
                answer.extra = new LinkedHashMap<>();
                answer.extra.put("restart", "yes");
            }
        } else if (failure.get() != null) {
            answer.status = "crashed";
            answer.message = failure.get().toString();
        }
        return answer;
    }

    /** Stops a thread caught in an endless loop; false where this Java can no longer do so. */
    @SuppressWarnings({"deprecation", "removal"})
    static boolean stop(Thread worker) {
        try {
            worker.stop();
            worker.join(1000);
            return !worker.isAlive();
        } catch (UnsupportedOperationException | InterruptedException e) {
            return false;
        }
    }

    static OperableTrigger cronTrigger(Map<String, Object> request) throws Exception {
        CronTriggerImpl trigger = new CronTriggerImpl();
        name(trigger);
        trigger.setCronExpression((String) request.get("expr"));
        trigger.setTimeZone(zone(request));
        long after = number(request, "after");
        Object start = request.get("start");
        // Without a start the server uses the moment it made the trigger; here: just before `after`.
        trigger.setStartTime(new Date(start == null ? Math.floorDiv(after, 1000) * 1000 - 1000 : (Long) start));
        if (request.get("end") != null) {
            trigger.setEndTime(new Date(number(request, "end")));
        }
        trigger.validate();
        return trigger;
    }

    static OperableTrigger simpleTrigger(Map<String, Object> request) throws Exception {
        SimpleTriggerImpl trigger = new SimpleTriggerImpl();
        name(trigger);
        trigger.setStartTime(new Date(number(request, "start")));
        if (request.get("end") != null) {
            trigger.setEndTime(new Date(number(request, "end")));
        }
        trigger.setRepeatCount((int) number(request, "repeat"));
        trigger.setRepeatInterval(number(request, "interval"));
        trigger.validate();
        return trigger;
    }

    static void name(OperableTrigger trigger) {
        trigger.setKey(new org.quartz.TriggerKey("oracle", "oracle"));
        trigger.setJobKey(new org.quartz.JobKey("oracle", "oracle"));
    }

    static SimpleTimeZone zone(Map<String, Object> request) {
        long offset = number(request, "offset");
        return new SimpleTimeZone((int) offset, "offset" + offset);
    }

    static long number(Map<String, Object> request, String key) {
        Object value = request.get(key);
        if (!(value instanceof Long)) {
            throw new IllegalArgumentException(key + " is not a whole number: " + value);
        }
        return (Long) value;
    }

    static String quartzVersion() {
        try (InputStream stream = CronExpression.class.getResourceAsStream(
                "/org/quartz/core/quartz-build.properties")) {
            Properties properties = new Properties();
            if (stream != null) {
                properties.load(stream);
            }
            return properties.getProperty("version", "unknown");
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /** Just enough JSON: flat objects of strings, whole numbers, booleans and null. */
    static final class Json {

        static Map<String, Object> parse(String text) {
            Map<String, Object> object = new LinkedHashMap<>();
            int[] at = {skip(text, 0)};
            expect(text, at, '{');
            if (peek(text, at) == '}') {
                at[0]++;
                return object;
            }
            while (true) {
                String key = string(text, at);
                expect(text, at, ':');
                object.put(key, value(text, at));
                char next = peek(text, at);
                at[0]++;
                if (next == '}') {
                    return object;
                }
                if (next != ',') {
                    throw new IllegalArgumentException("expected , or } at " + (at[0] - 1));
                }
            }
        }

        static Object value(String text, int[] at) {
            char first = peek(text, at);
            if (first == '"') {
                return string(text, at);
            }
            for (String word : new String[] {"null", "true", "false"}) {
                if (text.startsWith(word, at[0])) {
                    at[0] += word.length();
                    return word.equals("null") ? null : Boolean.valueOf(word);
                }
            }
            int end = at[0];
            while (end < text.length() && "-0123456789".indexOf(text.charAt(end)) >= 0) {
                end++;
            }
            long number = Long.parseLong(text.substring(at[0], end));
            at[0] = end;
            return number;
        }

        static String string(String text, int[] at) {
            expect(text, at, '"');
            StringBuilder built = new StringBuilder();
            while (true) {
                char c = text.charAt(at[0]++);
                if (c == '"') {
                    return built.toString();
                }
                if (c != '\\') {
                    built.append(c);
                    continue;
                }
                char escaped = text.charAt(at[0]++);
                switch (escaped) {
                    case 'n': built.append('\n'); break;
                    case 't': built.append('\t'); break;
                    case 'r': built.append('\r'); break;
                    case 'b': built.append('\b'); break;
                    case 'f': built.append('\f'); break;
                    case 'u':
                        built.append((char) Integer.parseInt(text.substring(at[0], at[0] + 4), 16));
                        at[0] += 4;
                        break;
                    default: built.append(escaped);
                }
            }
        }

        static char peek(String text, int[] at) {
            at[0] = skip(text, at[0]);
            return text.charAt(at[0]);
        }

        static void expect(String text, int[] at, char wanted) {
            if (peek(text, at) != wanted) {
                throw new IllegalArgumentException("expected " + wanted + " at " + at[0]);
            }
            at[0]++;
        }

        static int skip(String text, int at) {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
            return at;
        }

        static String answer(long id, String status, String message, List<Long> fires) {
            return answer(id, status, message, fires, null);
        }

        static String answer(long id, String status, String message, List<Long> fires,
                Map<String, Object> extra) {
            StringBuilder out = new StringBuilder("{\"id\": ").append(id);
            out.append(", \"status\": ").append(quote(status));
            if (message != null) {
                out.append(", \"message\": ").append(quote(message));
            }
            if (fires != null) {
                out.append(", \"fires\": ").append(fires.toString());
            }
            if (extra != null) {
                for (Map.Entry<String, Object> entry : extra.entrySet()) {
                    Object value = entry.getValue();
                    out.append(", ").append(quote(entry.getKey())).append(": ");
                    out.append(value instanceof Long ? value.toString() : quote(String.valueOf(value)));
                }
            }
            return out.append('}').toString();
        }

        static String quote(String text) {
            StringBuilder out = new StringBuilder("\"");
            for (char c : text.toCharArray()) {
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c < 0x20 || c > 0x7e) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            return out.append('"').toString();
        }
    }
}
