package io.opsguard.ladderfixture.lower;

import io.opsguard.ladderfixture.upper.High;

/** Reaches up the ladder: the kind of import the declared dependencies must refuse. */
public class Low {

	public String upwards(High high) {
		return high.toString();
	}

}
