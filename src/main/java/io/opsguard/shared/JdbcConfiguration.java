package io.opsguard.shared;

import java.util.Optional;

import org.springframework.context.annotation.Configuration;
import org.springframework.data.jdbc.core.convert.JdbcCustomConversions;
import org.springframework.data.jdbc.core.mapping.JdbcMappingContext;
import org.springframework.data.jdbc.repository.config.AbstractJdbcConfiguration;
import org.springframework.data.relational.RelationalManagedTypes;
import org.springframework.data.relational.core.mapping.NamingStrategy;

/**
 * Spring Data JDBC with unquoted identifiers, so that the same lower-case table and column names
 * work on H2 (with {@code DATABASE_TO_LOWER}) and PostgreSQL.
 */
@Configuration(proxyBeanMethods = false)
class JdbcConfiguration extends AbstractJdbcConfiguration {

	@Override
	public JdbcMappingContext jdbcMappingContext(Optional<NamingStrategy> namingStrategy,
			JdbcCustomConversions customConversions, RelationalManagedTypes jdbcManagedTypes) {
		JdbcMappingContext context = super.jdbcMappingContext(namingStrategy, customConversions, jdbcManagedTypes);
		context.setForceQuote(false);
		return context;
	}

}
