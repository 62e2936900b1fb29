/** A module low on a ladder of two (test fixture of {@code ModularityTests}). */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package io.opsguard.ladderfixture.lower;
