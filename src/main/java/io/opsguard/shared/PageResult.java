package io.opsguard.shared;

import java.util.List;
import java.util.function.Function;

/** One page of a list: {@code {items, total, page, size}}. */
public record PageResult<T>(List<T> items, long total, int page, int size) {

	public <R> PageResult<R> map(Function<? super T, ? extends R> mapper) {
		return new PageResult<>(this.items.stream().<R>map(mapper).toList(), this.total, this.page, this.size);
	}

}
