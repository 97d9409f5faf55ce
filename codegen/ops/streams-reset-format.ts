import type { StreamsResetPlan } from '../../src/ops/streams-reset';

/** The plan as the operator confirms it: every topic, the group's committed offsets, the local state. */
export function formatResetPlan(plan: StreamsResetPlan, localState: string | undefined): string {
  const lines = [`Reset of streams application "${plan.applicationId}" will delete:`];
  lines.push(`  internal topics (${plan.topics.length}):`);
  for (const t of plan.topics) lines.push(`    ${t}`);
  if (plan.topics.length === 0) lines.push('    (none)');
  if (plan.group === undefined) {
    lines.push(`  consumer group "${plan.applicationId}": none`);
  } else {
    const g = plan.group;
    lines.push(
      `  consumer group "${plan.applicationId}" (${g.state}, ${g.members.length} member(s)) and its ${g.offsets.length} committed offset(s):`,
    );
    for (const o of g.offsets) lines.push(`    ${o.topic}[${o.partition}] = ${o.offset}`);
  }
  lines.push(`  local state: ${localState ?? '(none)'}`);
  if (plan.otherApplications.length > 0) {
    lines.push('  kept (internal topics of another application whose id extends this one):');
    for (const o of plan.otherApplications) lines.push(`    ${o.topic} (application "${o.applicationId}")`);
  }
  return lines.join('\n');
}
