/**
 * Service levels: guarantee-level grading of business systems (HS/T 42: factors, a versioned
 * model, four-party confirmation, application-support inheritance), the service-content matrix,
 * service grades (GB/T 34077.3), SLA policies as data, and the gaps between the services a level
 * requires and what is recorded. The service desk takes ticket targets from {@link
 * io.opsguard.servicelevel.SlaPolicies}; other modules read levels through {@link
 * io.opsguard.servicelevel.GuaranteeLevels} and listen to {@link
 * io.opsguard.servicelevel.GuaranteeLevelChanged}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Service levels", allowedDependencies = { "shared", "identity", "calendar", "cmdb" })
package io.opsguard.servicelevel;
