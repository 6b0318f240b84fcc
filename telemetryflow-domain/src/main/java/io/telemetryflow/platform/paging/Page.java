package io.telemetryflow.platform.paging;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** One page of a list answer: the items, how many match in all, and the window that was asked for. */
public record Page<T>(List<T> items, long total, int limit, int offset) {

    public Page {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
    }

    public static <T> Page<T> empty(PageRequest request) {
        return new Page<>(List.of(), 0, request.limit(), request.offset());
    }

    public <R> Page<R> map(Function<? super T, ? extends R> mapping) {
        return new Page<>(items.stream().<R>map(mapping).toList(), total, limit, offset);
    }
}
