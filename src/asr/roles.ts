/**
 * Decides which of the two diarized speakers of a mono call is the sales
 * rep, from the words of each: reps introduce their company, present the
 * product and quote prices, and customers ask about "your" product, its
 * price and their own budget. The result carries a confidence, and callers
 * treat roles as known only above `ROLE_CONFIDENCE_THRESHOLD`.
 */

/** Confidence from which a role guess is used, so `rolesKnown` becomes true. */
export const ROLE_CONFIDENCE_THRESHOLD = 0.8;

// Phrases a rep uses about their own offer, matched once per utterance each.
const REP_CUES: readonly RegExp[] = [
  /我是.{0,10}(?:公司|科技|集团|软件)/,
  /(?:我们|咱们)(?:公司|的产品|的系统|的方案|的平台|的价格|的报价|这套|这款)/,
  /(?:给您|为您|帮您)(?:介绍|报价|演示|发|安排|申请)/,
  /(?:优惠|折扣|打折|试用|演示|报价)/,
  /(?:打扰(?:您|一下)|耽误您)/,
  /\b(?:this is \w+ (?:from|with)|calling from|i'm \w+ from)\b/,
  /\bour (?:product|platform|software|solution|pricing|price|company|team|system)\b/,
  /\b(?:we offer|we provide|we can help|let me (?:show|walk|send)|discount|demo|per (?:seat|user|year|month))\b/,
];

// Phrases a customer uses about the seller's offer or their own situation.
const CUSTOMER_CUES: readonly RegExp[] = [
  /你们(?:公司|的产品|的系统|的价格|这个|那个)/,
  /(?:多少钱|太贵|贵了|预算|考虑一下|不需要|没兴趣|我们已经(?:有|在用)|请示|领导)/,
  /\b(?:your (?:product|price|pricing|company|software|system)|how much|too expensive|our budget|we already (?:have|use)|not interested|send me)\b/,
];

/** The guess of which speaker is the rep. */
export interface RoleGuess {
  /** Speaker (0 or 1) taken for the rep, or null when the texts give no hint either way. */
  repSpeaker: 0 | 1 | null;
  /** Confidence in the guess between 0.5 (a coin toss) and 1. */
  confidence: number;
  /** Rep cues minus customer cues per speaker, the evidence behind the guess. */
  scores: [number, number];
}

/** Counts, per speaker, rep cues minus customer cues in the texts of that speaker's utterances. */
export function roleScores(utterances: ReadonlyArray<{ speaker: 0 | 1; text: string }>): [number, number] {
  const scores: [number, number] = [0, 0];
  for (const { speaker, text } of utterances) {
    const lower = text.toLowerCase();
    for (const cue of REP_CUES) if (cue.test(lower)) scores[speaker]++;
    for (const cue of CUSTOMER_CUES) if (cue.test(lower)) scores[speaker]--;
  }
  return scores;
}

/**
 * Guesses the rep among two speakers. The confidence grows with the margin
 * between the speakers' scores: 0.5 + 0.5 * tanh(margin / 2), so a net
 * margin of one cue gives about 0.73, two about 0.88 and three about 0.95.
 */
export function guessRoles(utterances: ReadonlyArray<{ speaker: 0 | 1; text: string }>): RoleGuess {
  const scores = roleScores(utterances);
  const margin = scores[0] - scores[1];
  if (margin === 0) return { repSpeaker: null, confidence: 0.5, scores };
  return { repSpeaker: margin > 0 ? 0 : 1, confidence: 0.5 + 0.5 * Math.tanh(Math.abs(margin) / 2), scores };
}
