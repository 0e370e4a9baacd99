package org.recourse.intake.systems;

/** An AI system a reporter can pick: only what the public registry shows. */
public record AiSystemOption(String id, String name) {
}
