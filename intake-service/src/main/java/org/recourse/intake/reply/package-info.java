/**
 * What the reporter can do after filing: answer the owner's question and contest the
 * outcome within the window. Each action is recorded in the report's timeline together
 * with its outgoing event (reporter-replied, outcome-contested) in one document write;
 * both need the receipt code, sent in a form or body.
 */
package org.recourse.intake.reply;
