/** A module high on a ladder of two (test fixture of {@code ModularityTests}). */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "lower" })
package io.opsguard.ladderfixture.upper;
