package io.telemetryflow.telemetry.traces;

import io.telemetryflow.telemetry.traces.TraceDetail.CriticalPathSegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Assembles a trace's spans into the tree a waterfall draws, and finds its critical path. Pure and iterative (no
 * recursion), so a trace of any depth or shape is safe:
 * <ul>
 *   <li>Duplicate span ids: the first span (by start time, as read) is kept, later ones are dropped and counted.</li>
 *   <li>A span whose parent id is absent from the trace (or is its own id) is an orphan: kept, flagged, drawn as a
 *       root.</li>
 *   <li>Parent cycles (A's parent is B, B's parent is A) cannot be reached from any root; each cycle is cut at its
 *       earliest span, which becomes an orphan root.</li>
 *   <li>Order: roots by start time, then depth first, children by start time (ties by span id).</li>
 * </ul>
 *
 * <p>Critical path: the chain of work the trace's end waited on. Starting at the root with the cursor at its end,
 * repeatedly take the last-finishing child that ends at or before the cursor; the time between that child's end and
 * the cursor is the parent's own (self) time, the child's window is walked the same way, and the cursor moves to the
 * child's start. When no child ends before the cursor, the rest back to the parent's start is self time. Children
 * that overlap a chosen child ran in parallel and are not on the path. Asynchronous children are bounded by their
 * parent: a child's window is clipped to the parent's, so a child that outlives its parent counts only up to the
 * parent's end, and a child that starts at or after the parent's end (fire and forget) is not on the path at all.
 * The path starts at the summary's root only; orphan subtrees are not on it. The segments cover the root's duration
 * exactly.
 */
public final class TraceTree {

    private static final Comparator<TraceSpan> BY_START = Comparator.comparingLong(TraceSpan::startNanos).thenComparing(TraceSpan::spanId);

    private final Map<String, TraceSpan> spans = new LinkedHashMap<>();
    private final Map<String, List<String>> children = new HashMap<>();
    private final Set<String> orphans = new HashSet<>();
    private long duplicates;

    private TraceTree(List<TraceSpan> stored) {
        for (TraceSpan span : stored) {
            if (spans.putIfAbsent(span.spanId(), span) != null) {
                duplicates++;
            }
        }
        for (TraceSpan span : spans.values()) {
            String parent = span.parentSpanId();
            if (parent == null || parent.isEmpty()) {
                continue;
            }
            if (parent.equals(span.spanId()) || !spans.containsKey(parent)) {
                orphans.add(span.spanId());
            } else {
                children.computeIfAbsent(parent, id -> new ArrayList<>()).add(span.spanId());
            }
        }
        children.values().forEach(ids -> ids.sort(Comparator.comparing(spans::get, BY_START)));
    }

    /** The trace of the given spans (read in start-time order); {@code truncated} when the read stopped at its bound. */
    public static TraceDetail assemble(String traceId, List<TraceSpan> stored, boolean truncated) {
        if (stored.isEmpty()) {
            throw new IllegalArgumentException("a trace has at least one span");
        }
        return new TraceTree(stored).detail(traceId, truncated);
    }

    private TraceDetail detail(String traceId, boolean truncated) {
        Map<String, Integer> depths = new LinkedHashMap<>();
        spans.values().stream().filter(this::isRoot).forEach(root -> walk(root.spanId(), depths));
        while (depths.size() < spans.size()) {
            String cut = cutCycle(depths);
            orphans.add(cut);
            walk(cut, depths);
        }
        depths.clear();   // now that every cycle is cut, place the roots in start order
        spans.values().stream().filter(this::isRoot).sorted(BY_START).forEach(root -> walk(root.spanId(), depths));

        TraceSpan root = spans.values().stream().filter(span -> isRoot(span) && !orphans.contains(span.spanId())).min(BY_START)
                .orElse(null);
        boolean rootInferred = root == null;
        if (rootInferred) {
            root = spans.values().stream().min(BY_START).orElseThrow();
        }
        List<CriticalPathSegment> criticalPath = criticalPath(root);
        Map<String, Long> onPath = new HashMap<>();
        criticalPath.forEach(segment -> onPath.merge(segment.spanId(), segment.durationNanos(), Long::sum));

        List<TraceSpan> ordered = new ArrayList<>(spans.size());
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        long errors = 0;
        int maxDepth = 0;
        Set<String> services = new TreeSet<>();
        for (Map.Entry<String, Integer> entry : depths.entrySet()) {
            TraceSpan span = spans.get(entry.getKey());
            ordered.add(span.placed(entry.getValue(), children.getOrDefault(span.spanId(), List.of()), orphans.contains(span.spanId()),
                    onPath.getOrDefault(span.spanId(), 0L)));
            start = Math.min(start, span.startNanos());
            end = Math.max(end, span.endNanos());
            errors += "ERROR".equals(span.statusCode()) ? 1 : 0;
            maxDepth = Math.max(maxDepth, entry.getValue());
            services.add(span.serviceName());
        }
        return new TraceDetail(traceId, root.spanId(), root.serviceName(), root.name(), rootInferred, Long.toString(start),
                Long.toString(end), end - start, ordered.size(), errors, List.copyOf(services), maxDepth, orphans.size(), duplicates,
                truncated, criticalPath, ordered);
    }

    private boolean isRoot(TraceSpan span) {
        return span.parentSpanId() == null || span.parentSpanId().isEmpty() || orphans.contains(span.spanId());
    }

    /** Depth-first from {@code rootId} over spans not yet placed, recording each span's depth in visiting order. */
    private void walk(String rootId, Map<String, Integer> depths) {
        Deque<Map.Entry<String, Integer>> stack = new ArrayDeque<>();
        stack.push(Map.entry(rootId, 0));
        while (!stack.isEmpty()) {
            Map.Entry<String, Integer> next = stack.pop();
            if (depths.putIfAbsent(next.getKey(), next.getValue()) != null) {
                continue;
            }
            List<String> kids = children.getOrDefault(next.getKey(), List.of());
            for (int i = kids.size() - 1; i >= 0; i--) {
                stack.push(Map.entry(kids.get(i), next.getValue() + 1));
            }
        }
    }

    /**
     * Every span not yet placed sits in or below a parent cycle. Follows parents from the earliest such span until one
     * repeats, cuts the cycle found at its earliest member (removing it from its parent's children) and returns it.
     */
    private String cutCycle(Map<String, Integer> placed) {
        String current = spans.values().stream().filter(span -> !placed.containsKey(span.spanId())).min(BY_START).orElseThrow().spanId();
        Set<String> seen = new HashSet<>();
        while (seen.add(current)) {
            current = spans.get(current).parentSpanId();
        }
        List<TraceSpan> cycle = new ArrayList<>();
        String member = current;
        do {
            cycle.add(spans.get(member));
            member = spans.get(member).parentSpanId();
        } while (!member.equals(current));
        TraceSpan cut = cycle.stream().min(BY_START).orElseThrow();
        children.get(cut.parentSpanId()).remove(cut.spanId());
        return cut.spanId();
    }

    /** The part of a span's time that lies inside its parent's window. */
    private record Window(String spanId, long start, long end) {
    }

    /** One span being walked: its window, the cursor moving back from the window's end, its children by end descending. */
    private static final class Frame {
        final Window window;
        final List<Window> children;
        long cursor;
        int next;

        Frame(Window window, List<Window> children) {
            this.window = window;
            this.children = children;
            this.cursor = window.end();
        }
    }

    private List<CriticalPathSegment> criticalPath(TraceSpan root) {
        List<CriticalPathSegment> backwards = new ArrayList<>();
        Deque<Frame> stack = new ArrayDeque<>();
        stack.push(frame(new Window(root.spanId(), root.startNanos(), root.endNanos())));
        while (!stack.isEmpty()) {
            Frame frame = stack.peek();
            while (frame.next < frame.children.size() && frame.children.get(frame.next).end() > frame.cursor) {
                frame.next++;
            }
            if (frame.next < frame.children.size()) {
                Window child = frame.children.get(frame.next++);
                segment(backwards, frame.window.spanId(), child.end(), frame.cursor);
                frame.cursor = child.start();
                stack.push(frame(child));
            } else {
                segment(backwards, frame.window.spanId(), frame.window.start(), frame.cursor);
                stack.pop();
            }
        }
        Collections.reverse(backwards);
        return backwards;
    }

    private Frame frame(Window window) {
        List<Window> inside = new ArrayList<>();
        for (String childId : children.getOrDefault(window.spanId(), List.of())) {
            TraceSpan child = spans.get(childId);
            long start = Math.max(child.startNanos(), window.start());
            long end = Math.min(child.endNanos(), window.end());
            if (start < end) {
                inside.add(new Window(childId, start, end));
            }
        }
        inside.sort(Comparator.comparingLong(Window::end).reversed().thenComparingLong(Window::start).thenComparing(Window::spanId));
        return new Frame(window, inside);
    }

    private static void segment(List<CriticalPathSegment> path, String spanId, long start, long end) {
        if (end > start) {
            path.add(new CriticalPathSegment(spanId, Long.toString(start), Long.toString(end), end - start));
        }
    }
}
