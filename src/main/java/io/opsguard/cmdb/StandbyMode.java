package io.opsguard.cmdb;

/** How a standby takes over (HS/T 42): hot (automatic), warm (manual), cold (prepared, unpowered). */
public enum StandbyMode {

	HOT, WARM, COLD

}
