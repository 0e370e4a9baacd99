package org.recourse.triage.cases;

import java.util.List;

import org.recourse.triage.security.Staff;
import org.recourse.triage.security.StaffRole;

/**
 * Who may see and who may work a case. An owner sees the cases routed or reassigned to
 * them, and, while a case is escalated, the deputies it climbed to see and work it too.
 * Compliance sees every case and works only the governance queue (cases no owner is
 * accountable for); elsewhere compliance reads, except for the regulatory track: flagging
 * a potential serious incident and recording its report to the authority, which whoever
 * works the case and compliance may do on any case they see. Admins keep the registry and
 * see no cases. A case the caller may not see is answered as if it did not exist.
 */
public final class CaseAccess {

	private CaseAccess() {
	}

	public static boolean maySee(Case found, Staff staff) {
		return staff.is(StaffRole.COMPLIANCE) || isTheirs(found, staff);
	}

	public static boolean mayWork(Case found, Staff staff) {
		return isTheirs(found, staff) || (staff.is(StaffRole.COMPLIANCE) && found.getQueue() == Queue.GOVERNANCE);
	}

	/**
	 * Whether {@code staff} may flag the case as a potential serious incident or record
	 * its report to the authority: whoever works it, and compliance on any case. The
	 * legal clock runs from the provider's awareness, whoever in the provider noticed;
	 * the report to the authority is compliance's to file, so the filing is theirs to
	 * record; and neither step touches the owner's work (state, verdict, what the
	 * reporter reads).
	 */
	public static boolean mayKeepRegulatoryTrack(Case found, Staff staff) {
		return mayWork(found, staff) || staff.is(StaffRole.COMPLIANCE);
	}

	private static boolean isTheirs(Case found, Staff staff) {
		if (!staff.is(StaffRole.OWNER)) {
			return false;
		}
		if (found.getQueue() == Queue.OWNER && staff.id().equals(found.getOwnerId())) {
			return true;
		}
		List<String> chain = found.getEscalationChain();
		if (chain == null) {
			return false;
		}
		int level = Math.min(found.getEscalationLevel(), chain.size() - 1);
		for (int step = 1; step <= level; step++) {
			if (staff.id().equals(chain.get(step))) {
				return true;
			}
		}
		return false;
	}

}
