package io.opsguard.shared;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One page of a list read from SQL, the way every list of the product pages on the server: the
 * number of rows a condition matches, then the ids of the requested page in the requested order,
 * with the same condition and parameters. The caller loads the page's rows by id.
 */
public final class SqlPages {

	private SqlPages() {
	}

	/**
	 * @param idColumn the id to read, e.g. {@code u.id}
	 * @param from the table with its alias, e.g. {@code idn_user u}
	 * @param condition the SQL condition with named parameters, or blank for every row
	 * @param params the condition's parameters
	 * @param paging the page and its order (checked against a whitelist by {@link PageQuery#of})
	 */
	public static PageResult<Long> ids(JdbcClient jdbc, String idColumn, String from, String condition,
			Map<String, ?> params, PageQuery paging) {
		return ids(jdbc, idColumn, from, condition, params, paging, 0);
	}

	/**
	 * As {@link #ids(JdbcClient, String, String, String, Map, PageQuery)}, counting at most
	 * {@code countLimit + 1} rows (0: all): a list of millions of rows answers {@code total =
	 * countLimit + 1}, "more than countLimit", instead of counting them all on every page.
	 */
	public static PageResult<Long> ids(JdbcClient jdbc, String idColumn, String from, String condition,
			Map<String, ?> params, PageQuery paging, long countLimit) {
		String where = condition == null || condition.isBlank() ? "" : " where " + condition;
		String count = countLimit > 0 ? "select count(*) from (select 1 from " + from + where + " limit " + (countLimit + 1)
				+ ") counted" : "select count(*) from " + from + where;
		long total = jdbc.sql(count).params(params).query(Long.class).single();
		List<Long> ids = total == 0 ? List.of()
				: jdbc.sql("select " + idColumn + " from " + from + where + " order by " + paging.orderBy()
						+ " limit :limit offset :offset")
					.params(params)
					.param("limit", paging.size())
					.param("offset", paging.offset())
					.query(Long.class)
					.list();
		return new PageResult<>(ids, total, paging.page(), paging.size());
	}

}
