/**
 * The small language of expression alert rules: a condition over several metrics of one resource,
 * such as {@code rate(errors[5m]) > 10 and status == 1}. {@link io.opsguard.alerting.expr.AlertExpression}
 * parses a text (explaining every fault as an {@link io.opsguard.alerting.expr.ExpressionProblem} with a
 * message key {@code alerting.expr.*}), checks its metric names against the ones a resource has, and
 * evaluates it over the resource's samples read through {@link io.opsguard.alerting.expr.SeriesAccess}.
 * Pure Java: no Spring, no other module; the user guide's chapter 18 documents the syntax.
 */
package io.opsguard.alerting.expr;
