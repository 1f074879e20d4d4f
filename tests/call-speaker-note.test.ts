/** The call view's note on unknown speaker roles, per diarization outcome and language. */
import { describe, expect, it } from 'vitest';
import { speakerNote } from '../src/api/speaker-note.js';

describe('speakerNote', () => {
  it('is null when roles are known', () => {
    expect(speakerNote('en', { rolesKnown: true, roleMethod: 'text', status: 'scored' }, [], 3)).toBeNull();
  });

  it('one voice names stereo as the fix', () => {
    const english = speakerNote('en', { rolesKnown: false, roleMethod: null, status: 'scored' }, [], 3)!;
    const chinese = speakerNote('zh-CN', { rolesKnown: false, roleMethod: null, status: 'scored' }, [], 3)!;

    expect(english).toContain('one voice found');
    expect(english).toContain('stereo');
    expect(english).not.toContain('until speaker diarization is supported');
    expect(chinese).toContain('只识别出一个说话人');
    expect(chinese).not.toContain('在支持说话人分离之前');
  });

  it('two undecided voices name enrolment', () => {
    const english = speakerNote('en', { rolesKnown: false, roleMethod: 'text', status: 'scored' }, ['no_next_step'], 3)!;
    const chinese = speakerNote('zh-CN', { rolesKnown: false, roleMethod: 'text', status: 'scored' }, ['no_next_step'], 3)!;

    expect(english).toContain('two voices found');
    expect(english).toContain('PUT /v1/reps/:repId/voice');
    expect(chinese).toContain('两个说话人');
    expect(chinese).toContain('登记销售的声纹');
  });

  it('reports a scored silent call', () => {
    for (const rolesKnown of [true, false]) {
      const english = speakerNote('en', { rolesKnown, roleMethod: null, status: 'scored' }, [], 0)!;
      const chinese = speakerNote('zh-CN', { rolesKnown, roleMethod: null, status: 'scored' }, [], 0)!;

      expect(english).toContain('No speech was found');
      expect(english).not.toContain('one voice found');
      expect(chinese).toContain('未检测到语音');
    }
  });

  it('skips a call still transcribing', () => {
    expect(speakerNote('en', { rolesKnown: true, roleMethod: null, status: 'transcribing' }, [], 0)).toBeNull();
  });

  it('conflict names the enrolment check', () => {
    const english = speakerNote('en', { rolesKnown: false, roleMethod: 'conflict', status: 'scored' }, [], 3)!;
    const chinese = speakerNote('zh-CN', { rolesKnown: false, roleMethod: 'conflict', status: 'scored' }, [], 3)!;

    expect(english).toContain('point to different speakers');
    expect(english).toContain('GET /v1/reps/:repId/voice');
    expect(chinese).toContain('不是同一人');
    expect(chinese).toContain('重新登记');
  });
});
