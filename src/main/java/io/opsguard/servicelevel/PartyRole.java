package io.opsguard.servicelevel;

/** The four parties who set a guarantee level together (HS/T 42 §2, §5). */
public enum PartyRole {

	/** 业务方 */
	BUSINESS_PARTY,
	/** 技术主管部门 */
	TECHNICAL_AUTHORITY,
	/** 技术承办单位 */
	TECHNICAL_UNDERTAKER,
	/** 运维方 */
	OM_PARTY

}
