/** A telephone number: digits, +, -, spaces and parentheses (e.g. 010-12345678, 13800138000); as the server checks it. */
export const PHONE_PATTERN = /^[0-9+\-() ]{0,30}$/

/** A user name: 3–32 letters, digits, `.`, `_`, `-`. */
export const USERNAME_PATTERN = /^[A-Za-z0-9._-]{3,32}$/

/** A simple e-mail shape; the server has the last word. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** A role code: starts with a letter; letters, digits and `_`; 2–50 characters (as the server checks it). */
export const ROLE_CODE_PATTERN = /^[A-Za-z][A-Za-z0-9_]{1,49}$/

/** A CMDB class code: an upper-case letter, then 1–49 upper-case letters, digits or `_` (as the server checks it). */
export const CI_CLASS_CODE_PATTERN = /^[A-Z][A-Z0-9_]{1,49}$/

/** A CMDB attribute code: a lower-case letter, then 1–49 letters or digits (camelCase, as the server checks it). */
export const ATTRIBUTE_CODE_PATTERN = /^[a-z][a-zA-Z0-9]{1,49}$/
