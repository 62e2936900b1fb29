/**
 * Web plumbing shared by every module: the API error advice (RFC 9457), the request language,
 * forwarding of the single-page UI's routes, OpenAPI, and the "about" endpoint.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web", allowedDependencies = { "shared", "identity" })
package io.opsguard.web;
