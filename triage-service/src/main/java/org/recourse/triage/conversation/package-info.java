/**
 * The reporter's side of the conversation on a case: answers to the owner's questions and
 * contests of the outcome, consumed from the reports topic (reporter-replied,
 * outcome-contested) and kept on the case, once each.
 */
package org.recourse.triage.conversation;
