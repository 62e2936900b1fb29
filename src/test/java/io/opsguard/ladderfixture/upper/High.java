package io.opsguard.ladderfixture.upper;

/** The upper module's API. */
public class High {

}
