package io.opsguard.cmdb.internal;

/** The type of a CI attribute; values are checked and normalised on every write. */
public enum AttributeType {

	TEXT, NUMBER, DATE, ENUM, BOOLEAN, IP, CI, USER, ORGANISATION

}
