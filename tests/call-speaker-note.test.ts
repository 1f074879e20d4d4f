/** The call view's note on unknown speaker roles, per diarization outcome and language. */
import { describe, expect, it } from 'vitest';
import { speakerNote } from '../src/api/speaker-note.js';

describe('speakerNote', () => {
  it('is null when roles are known', () => {
    expect(speakerNote('en', { rolesKnown: true, roleMethod: 'text' }, [])).toBeNull();
  });

  it('one voice names stereo as the fix', () => {
    const english = speakerNote('en', { rolesKnown: false, roleMethod: null }, [])!;
    const chinese = speakerNote('zh-CN', { rolesKnown: false, roleMethod: null }, [])!;

    expect(english).toContain('one voice found');
    expect(english).toContain('stereo');
    expect(english).not.toContain('until speaker diarization is supported');
    expect(chinese).toContain('只识别出一个说话人');
    expect(chinese).not.toContain('在支持说话人分离之前');
  });

  it('two undecided voices name enrolment', () => {
    const english = speakerNote('en', { rolesKnown: false, roleMethod: 'text' }, ['no_next_step'])!;
    const chinese = speakerNote('zh-CN', { rolesKnown: false, roleMethod: 'text' }, ['no_next_step'])!;

    expect(english).toContain('two voices found');
    expect(english).toContain('PUT /v1/reps/:repId/voice');
    expect(chinese).toContain('两个说话人');
    expect(chinese).toContain('登记销售的声纹');
  });

  it('conflict names the enrolment check', () => {
    const english = speakerNote('en', { rolesKnown: false, roleMethod: 'conflict' }, [])!;
    const chinese = speakerNote('zh-CN', { rolesKnown: false, roleMethod: 'conflict' }, [])!;

    expect(english).toContain('point to different speakers');
    expect(english).toContain('GET /v1/reps/:repId/voice');
    expect(chinese).toContain('不是同一人');
    expect(chinese).toContain('重新登记');
  });
});
