/**
 * Shared kernel: error codes and RFC 9457 problems, paging, time. Every module may use it; it uses
 * no other module.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN, allowedDependencies = {})
package io.opsguard.shared;
