/** Test recordings and bad files built once per test file in a temporary folder. */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { convertAudio, joinStereo, makeSpeechWav } from './audio.js';

/** Paths of the generated test files. */
export interface TestFiles {
  stereo: string;
  mono: string;
  mp3: string;
  truncatedMp3: string;
  png: string;
  empty: string;
  transcriptJson: string;
}

// A valid 1x1 transparent PNG.
const PNG_BYTES = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6300010000050001' + '0d0a2db40000000049454e44ae426082',
  'hex',
);

/** Speech for both channels, a mono call, an mp3 and its truncated copy, a PNG, an empty file and a JSON transcript. */
export async function makeTestFiles(dir: string): Promise<TestFiles> {
  const rep = path.join(dir, 'rep.wav');
  const customer = path.join(dir, 'customer.wav');
  await makeSpeechWav(rep, 'We guarantee it will work perfectly. I will send the proposal on Friday.', { padEndSeconds: 4 });
  await makeSpeechWav(customer, 'Your price is too high for our budget this year.', { padStartSeconds: 5, padEndSeconds: 0.5 });

  const files: TestFiles = {
    stereo: path.join(dir, 'call-stereo.wav'),
    mono: path.join(dir, 'call-mono.wav'),
    mp3: path.join(dir, 'call.mp3'),
    truncatedMp3: path.join(dir, 'call-truncated.mp3'),
    png: path.join(dir, 'picture.png'),
    empty: path.join(dir, 'empty.wav'),
    transcriptJson: path.join(dir, 'transcript.json'),
  };
  await joinStereo(rep, customer, files.stereo);
  await makeSpeechWav(files.mono, 'We guarantee it will work. Our product is the best on the market.', { padEndSeconds: 0.5 });
  await convertAudio(files.mono, files.mp3);

  const mp3 = await readFile(files.mp3);
  await writeFile(files.truncatedMp3, mp3.subarray(0, Math.floor(mp3.length / 2) + 7));
  await writeFile(files.png, PNG_BYTES);
  await writeFile(files.empty, Buffer.alloc(0));
  await writeFile(
    files.transcriptJson,
    JSON.stringify({
      turns: [
        { speaker: 'customer', text: '你们的价格比预算高了三成，太贵了。', startMs: 0, endMs: 4000 },
        { speaker: 'rep', text: '我们的产品是全网最好的，绝对没问题，我们保证百分之百满意。', startMs: 4200, endMs: 9000 },
        { speaker: 'customer', text: '好吧，我再想想。', startMs: 9200, endMs: 11000 },
        { speaker: 'rep', text: '好的，回头再说吧。', startMs: 11200, endMs: 70000 },
      ],
    }),
  );
  return files;
}
