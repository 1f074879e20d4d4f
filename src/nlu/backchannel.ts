/**
 * Recognises backchannels: short listener responses such as 嗯, 对, 好的,
 * OK, right, uh-huh that show attention without taking the floor. Timing
 * rules (interruption, monologue) ignore them.
 */

const BACKCHANNEL =
  /^(?:嗯|哦|噢|喔|啊|哈|对|是|好|行|嗯嗯|对的|是的|好的|明白|了解|知道了|没错|可以|ok|okay|yeah|yes|yep|yup|right|sure|mhm|uh-huh|mm-hm|i see|got it|wow|really|great|exactly|oh|ah|cool|true|fine|alright|all right|你讲|您讲|你说|您说|请讲|请说|go ahead|go on|[\s,.!?…~、，。])*$/;

/** True when normalised turn text consists only of backchannel words (or nothing, once fillers are removed). */
export function isBackchannel(normalisedText: string): boolean {
  return normalisedText.length <= 24 && BACKCHANNEL.test(normalisedText);
}
