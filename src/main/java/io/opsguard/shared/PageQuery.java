package io.opsguard.shared;

import java.util.Map;

/**
 * Paging and sorting requested by a client, checked against the columns an endpoint allows to
 * sort by. {@code sort} is {@code field,asc|desc}; the SQL column comes from the whitelist, so
 * nothing the client sends reaches SQL.
 */
public record PageQuery(int page, int size, String orderBy) {

	public static final int MAX_SIZE = 200;

	public static PageQuery of(Integer page, Integer size, String sort, Map<String, String> sortable,
			String defaultOrder) {
		int p = page == null ? 0 : page;
		int s = size == null ? 20 : size;
		if (p < 0) {
			throw OpsGuardException.onField("page", CommonError.BAD_PARAMETER, "page");
		}
		if (s < 1 || s > MAX_SIZE) {
			throw OpsGuardException.onField("size", CommonError.BAD_PARAMETER, "size");
		}
		String order = defaultOrder;
		if (sort != null && !sort.isBlank()) {
			// -1 keeps empty parts: ",", "name," and ",desc" are refused rather than read as nothing
			String[] parts = sort.split(",", -1);
			String column = sortable.get(parts[0].trim());
			String direction = parts.length > 1 ? parts[1].trim().toLowerCase() : "asc";
			if (column == null || parts.length > 2 || !(direction.equals("asc") || direction.equals("desc"))) {
				throw OpsGuardException.onField("sort", CommonError.BAD_PARAMETER, "sort");
			}
			order = column + " " + direction + ", " + defaultOrder;
		}
		return new PageQuery(p, s, order);
	}

	public long offset() {
		return (long) this.page * this.size;
	}

}
