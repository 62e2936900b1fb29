package io.opsguard.identity.internal;

/** What kind of body an organisation is; labels are {@code organisation.type.<NAME>}. */
public enum OrganisationType {

	/** 机关/单位, e.g. the provincial procuratorate. */
	AGENCY,
	/** 下级单位, e.g. one of the 27 subordinate bodies. */
	SUBORDINATE,
	/** 内设部门, e.g. the information centre. */
	DEPARTMENT,
	/** 运维服务商. */
	SERVICE_PROVIDER,
	/** 其他. */
	OTHER

}
