/**
 * What the reporter can do after filing: answer the owner's question and contest the
 * outcome within the window. Each action is recorded in the report's timeline together
 * with its outgoing event (reporter-replied, outcome-contested) in one document write.
 * The API takes the receipt code in the body; the status page's forms act on the report
 * the code opened in the reporter's anonymous session, so the page holds no copy of the
 * code.
 */
package org.recourse.intake.reply;
