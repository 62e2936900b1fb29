package io.opsguard.cmdb;

/**
 * What a relation {@code source → target} means. Acyclic types refuse a relation that would close
 * a cycle. Impact flows along {@link #RUNS_ON} and {@link #DEPENDS_ON} from target to source (when
 * the host fails, what runs on it is affected) and along {@link #CONTAINS} from source to target.
 */
public enum RelationType {

	/** 运行于: the application, software or VM runs on the host, software or environment. */
	RUNS_ON(true),
	/** 依赖: the source needs the target. */
	DEPENDS_ON(false),
	/** 连接: a network connection. */
	CONNECTED_TO(false),
	/** 包含: machine room → rack → device; business system → function. */
	CONTAINS(true),
	/** 备份: the source holds backups of the target. */
	BACKS_UP(false),
	/** 备用于: the source is a standby (hot, warm or cold) of the target. */
	STANDBY_OF(true),
	/** 支撑: an application-support system supports a business system. */
	SUPPORTS(true);

	private final boolean acyclic;

	RelationType(boolean acyclic) {
		this.acyclic = acyclic;
	}

	public boolean acyclic() {
		return this.acyclic;
	}

}
