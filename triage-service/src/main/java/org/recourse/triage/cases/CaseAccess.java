package org.recourse.triage.cases;

import java.util.List;

import org.recourse.triage.security.Staff;
import org.recourse.triage.security.StaffRole;

/**
 * Who may see and who may work a case. An owner sees the cases routed or reassigned to
 * them, and, while a case is escalated, the deputies it climbed to see and work it too.
 * Compliance sees every case and works only the governance queue (cases no owner is
 * accountable for); elsewhere compliance reads. Admins keep the registry and see no
 * cases. A case the caller may not see is answered as if it did not exist.
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
