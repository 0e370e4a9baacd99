package org.recourse.triage.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The escalation ladder of one case, kept inside the case: the chain it climbs, where it
 * stands, which clocks were warned about and which breached. A first breach climbs one
 * level at once; while a clock stays breached the case climbs again every escalation
 * interval, up to the top of the chain and no further. Acting on the case brings it back
 * to level 0, and that is announced too. Plain Java: time comes in as arguments.
 */
public class SlaWatch {

	private List<String> chain;

	private int level;

	private String escalatedTo;

	private Instant nextClimbAt;

	private Set<SlaClock> warned = new LinkedHashSet<>();

	private Set<SlaClock> breached = new LinkedHashSet<>();

	private SlaStep.Deescalation pendingDeescalation;

	/** What the clocks call for at {@code now}; each step already applied here. */
	public List<SlaStep> check(List<RunningClock> running, Instant now, Duration escalationInterval) {
		List<SlaStep> steps = new ArrayList<>();
		if (this.pendingDeescalation != null) {
			steps.add(this.pendingDeescalation);
			this.pendingDeescalation = null;
		}
		boolean climbed = false;
		for (RunningClock clock : running) {
			if (clock.breachedAt(now) && this.breached.add(clock.clock())) {
				this.warned.add(clock.clock());
				steps.add(climb(clock, now, escalationInterval));
				climbed = true;
			}
			else if (!clock.breachedAt(now) && !now.isBefore(clock.warnAt()) && this.warned.add(clock.clock())) {
				steps.add(new SlaStep.Warning(clock.clock(), clock.dueAt(), now));
			}
		}
		RunningClock overdue = firstOverdue(running, now);
		if (!climbed && overdue != null && this.level < top()) {
			if (this.nextClimbAt == null) {
				this.nextClimbAt = now.plus(escalationInterval);
			}
			else if (!now.isBefore(this.nextClimbAt)) {
				steps.add(climb(overdue, now, escalationInterval));
			}
		}
		return steps;
	}

	/**
	 * When the clocks next need a look: a warning or due time still ahead, the next climb
	 * while breached below the top, or at once for a de-escalation still to announce;
	 * {@code null} when nothing can happen until someone acts.
	 */
	public Instant nextCheckAt(List<RunningClock> running, Instant now) {
		if (this.pendingDeescalation != null) {
			return this.pendingDeescalation.at();
		}
		Instant next = null;
		for (RunningClock clock : running) {
			if (!this.breached.contains(clock.clock())) {
				next = earliest(next, this.warned.contains(clock.clock()) ? clock.dueAt() : clock.warnAt());
			}
			else if (!clock.breachedAt(now)) {
				next = earliest(next, clock.dueAt());
			}
		}
		if (this.level < top() && firstOverdue(running, now) != null) {
			next = earliest(next, (this.nextClimbAt != null) ? this.nextClimbAt : now);
		}
		return next;
	}

	/** Whether a clock that breached is still running and overdue at {@code now}. */
	public boolean overdue(List<RunningClock> running, Instant now) {
		return firstOverdue(running, now) != null;
	}

	/** Back to level 0 after someone acted; returns whether the case was escalated. */
	public boolean deescalate(String reason, Instant at) {
		if (this.level == 0) {
			return false;
		}
		this.pendingDeescalation = new SlaStep.Deescalation(this.level, reason, at);
		this.level = 0;
		this.escalatedTo = null;
		this.nextClimbAt = null;
		return true;
	}

	/**
	 * A clock starts afresh (the resolution clock on reopening): it may warn and breach
	 * again.
	 */
	public void restart(SlaClock clock) {
		this.warned.remove(clock);
		this.breached.remove(clock);
	}

	public void snapshotChain(List<String> chain) {
		this.chain = List.copyOf(chain);
	}

	public boolean hasChain() {
		return this.chain != null;
	}

	public List<String> getChain() {
		return this.chain;
	}

	public int getLevel() {
		return this.level;
	}

	public String getEscalatedTo() {
		return this.escalatedTo;
	}

	public Set<SlaClock> getBreached() {
		return Set.copyOf(this.breached);
	}

	private SlaStep.Escalation climb(RunningClock clock, Instant now, Duration escalationInterval) {
		this.level = Math.min(this.level + 1, top());
		this.escalatedTo = this.chain.get(this.level);
		this.nextClimbAt = (this.level < top()) ? now.plus(escalationInterval) : null;
		return new SlaStep.Escalation(clock.clock(), this.level, this.escalatedTo, clock.dueAt(), now);
	}

	private RunningClock firstOverdue(List<RunningClock> running, Instant now) {
		return running.stream()
			.filter((clock) -> this.breached.contains(clock.clock()) && clock.breachedAt(now))
			.findFirst()
			.orElse(null);
	}

	private int top() {
		return (this.chain != null) ? this.chain.size() - 1 : 1;
	}

	private static Instant earliest(Instant a, Instant b) {
		return (a == null || b.isBefore(a)) ? b : a;
	}

}
