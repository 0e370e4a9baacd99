/**
 * Receipt codes: the reporter's only key to their report. A code is a public look-up part
 * and a secret part; only a slow salted hash of the secret is stored, so a stolen
 * database does not open anyone's status page.
 */
package org.recourse.intake.receipt;
