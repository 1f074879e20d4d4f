/**
 * The one registry of error codes. Every error a user can see is a
 * `CallscoreError` built from an entry here: a stable code, an HTTP status and
 * an English and a Simplified Chinese message naming the value and the fix.
 */

export type Locale = 'en' | 'zh-CN';

type Params = Record<string, string | number>;

interface ErrorDefinition {
  status: number;
  en: (p: Params) => string;
  zh: (p: Params) => string;
}

function define(status: number, en: (p: Params) => string, zh: (p: Params) => string): ErrorDefinition {
  return { status, en, zh };
}

// Commander's "Did you mean" suggestion, when it found a similar name.
function suggestionEn(p: Params): string {
  return p.suggestion === undefined ? '' : ` Did you mean ${p.suggestion}?`;
}

function suggestionZh(p: Params): string {
  return p.suggestion === undefined ? '' : `您是否要输入 ${p.suggestion}？`;
}

function argumentCountEn(count: number): string {
  if (count === 0) return 'no arguments';
  return count === 1 ? '1 argument' : `${count} arguments`;
}

/** Every error code with its HTTP status and messages. */
export const ERRORS = {
  CS_ERR_VALIDATION: define(
    400,
    (p) => `Invalid field "${p.field}": ${p.reason}.`,
    (p) => `字段 "${p.field}" 无效：${p.reasonZh ?? p.reason}。`,
  ),
  CS_ERR_FILE_MISSING: define(
    400,
    () => 'The request has no file part. Send the recording or transcript as multipart field "file".',
    () => '请求中没有文件。请在 multipart 字段 "file" 中上传录音或转写文本。',
  ),
  CS_ERR_FILE_EMPTY: define(
    400,
    (p) => `The file "${p.filename}" is empty (0 bytes). Upload the complete recording.`,
    (p) => `文件 "${p.filename}" 为空（0 字节）。请上传完整的录音。`,
  ),
  CS_ERR_FILE_TOO_LARGE: define(
    413,
    (p) => `The file "${p.filename}" exceeds the upload limit of ${p.limitMb} MB. Split the recording or raise CALLSCORE_MAX_UPLOAD_MB.`,
    (p) => `文件 "${p.filename}" 超过上传上限 ${p.limitMb} MB。请拆分录音或调高 CALLSCORE_MAX_UPLOAD_MB。`,
  ),
  CS_ERR_AUDIO_UNSUPPORTED: define(
    415,
    (p) => `The file "${p.filename}" is not a supported audio file (detected: ${p.detected}). Upload wav, mp3, m4a, amr, ogg/opus or webm audio.`,
    (p) => `文件 "${p.filename}" 不是支持的音频格式（检测结果：${p.detectedZh ?? p.detected}）。请上传 wav、mp3、m4a、amr、ogg/opus 或 webm 音频。`,
  ),
  CS_ERR_AUDIO_TRUNCATED: define(
    422,
    (p) => `The audio file "${p.filename}" is truncated or corrupt: ${p.reason}. Upload the complete recording again.`,
    (p) => `音频文件 "${p.filename}" 不完整或已损坏：${p.reasonZh ?? p.reason}。请重新上传完整录音。`,
  ),
  CS_ERR_AUDIO_EMPTY: define(
    422,
    (p) => `The audio file "${p.filename}" contains no audio samples (duration 0 s). Upload a recording that contains the call.`,
    (p) => `音频文件 "${p.filename}" 不含任何音频采样（时长 0 秒）。请上传包含通话内容的录音。`,
  ),
  CS_ERR_AUDIO_NO_CHANNEL: define(
    422,
    (p) => `The audio file "${p.filename}" has ${p.channels} channel(s) but channelLayout "${p.layout}" needs 2. Send channelLayout "mono" or a stereo recording.`,
    (p) => `音频文件 "${p.filename}" 只有 ${p.channels} 个声道，而 channelLayout "${p.layout}" 需要 2 个。请改用 channelLayout "mono" 或上传立体声录音。`,
  ),
  CS_ERR_AUDIO_DECODE_FAILED: define(
    422,
    (p) => `Decoding the audio file "${p.filename}" failed: ${p.reason}. Convert the recording to wav or mp3 and upload it again.`,
    (p) => `音频文件 "${p.filename}" 解码失败：${p.reasonZh ?? p.reason}。请将录音转换为 wav 或 mp3 后重新上传。`,
  ),
  CS_ERR_TRANSCRIPT_INVALID: define(
    422,
    (p) => `The transcript "${p.filename}" could not be parsed as ${p.format}: ${p.reason}. Fix the file and upload it again.`,
    (p) => `转写文件 "${p.filename}" 无法按 ${p.format} 解析：${p.reasonZh ?? p.reason}。请修正后重新上传。`,
  ),
  CS_ERR_UNSUPPORTED_MEDIA_TYPE: define(
    415,
    (p) => `This route does not accept the Content-Type "${p.received}". Send the body as ${p.expected}.`,
    (p) => `此接口不接受 Content-Type "${p.received}"。请以 ${p.expected} 格式发送请求体。`,
  ),
  CS_ERR_ROUTE_NOT_FOUND: define(
    404,
    (p) => `No endpoint ${p.method} ${p.url}. The API is described at GET /openapi.json.`,
    (p) => `不存在接口 ${p.method} ${p.url}。接口说明见 GET /openapi.json。`,
  ),
  CS_ERR_CONFIG: define(
    400,
    (p) => `Invalid configuration: ${p.reason}`,
    (p) => `配置无效：${p.reason}`,
  ),
  CS_ERR_MULTIPART_INVALID: define(
    400,
    (p) => `The request body is not valid multipart/form-data: ${p.reason}. Send the file as part "file" with the form fields, for example: curl -F file=@call.wav -F dealId=D-1 -F repId=R-1 -F startedAt=2026-11-03T10:00:00+08:00 URL`,
    (p) => `请求体不是有效的 multipart/form-data：${p.reasonZh ?? p.reason}。请以字段 "file" 上传文件并附带表单字段，例如：curl -F file=@call.wav -F dealId=D-1 -F repId=R-1 -F startedAt=2026-11-03T10:00:00+08:00 URL`,
  ),
  CS_ERR_DUPLICATE_RECORDING: define(
    409,
    // Without callId the existing call is outside the caller's scope, so the message must not point at it.
    (p) =>
      p.callId === undefined
        ? `This recording was already uploaded for deal "${p.dealId}" as a call you may not read, and counting it twice would skew the deal score. Ask an admin to check the calls of this deal.`
        : `This recording was already uploaded for deal "${p.dealId}" as call "${p.callId}", and counting it twice would skew the deal score. Read that call, or send a callId to make retries idempotent.`,
    (p) =>
      p.callId === undefined
        ? `该录音已上传到商机 "${p.dealId}"，但对应的通话不在您的查看范围内，重复计入会使商机评分失真。请联系管理员核查该商机的通话。`
        : `该录音已作为通话 "${p.callId}" 上传到商机 "${p.dealId}"，重复计入会使商机评分失真。请查看该通话，或在上传时提供 callId 以便安全重试。`,
  ),
  CS_ERR_CALL_NOT_FOUND: define(
    404,
    (p) => `Call "${p.callId}" was not found. Check the id returned by POST /v1/calls.`,
    (p) => `未找到通话 "${p.callId}"。请核对 POST /v1/calls 返回的 id。`,
  ),
  CS_ERR_DEAL_UNKNOWN: define(
    404,
    (p) => `Deal "${p.dealId}" was not found: it has no calls and was never created. Check the id.`,
    (p) => `未找到商机 "${p.dealId}"：它没有通话，也未被创建。请核对编号。`,
  ),
  CS_ERR_DEAL_NOT_FOUND: define(
    404,
    (p) => `Deal "${p.dealId}" has no calls yet. Upload a call with this dealId first.`,
    (p) => `商机 "${p.dealId}" 还没有通话。请先上传带此 dealId 的通话。`,
  ),
  CS_ERR_MODEL_MISSING: define(
    503,
    (p) => `The speech model "${p.model}" is not installed in ${p.dir}. Install it with: callscore models install ${p.model}`,
    (p) => `语音模型 "${p.model}" 未安装在 ${p.dir}。请运行：callscore models install ${p.model}`,
  ),
  CS_ERR_MODEL_INVALID: define(
    503,
    (p) => `The speech model "${p.model}" in ${p.dir} could not be loaded: ${p.reason}. Check it with "callscore models verify ${p.model}" and reinstall it with "callscore models install ${p.model}".`,
    (p) => `无法加载 ${p.dir} 中的语音模型 "${p.model}"：${p.reason}。请运行 "callscore models verify ${p.model}" 检查，并用 "callscore models install ${p.model}" 重新安装。`,
  ),
  CS_ERR_MODEL_UNKNOWN: define(
    400,
    (p) => `Unknown model "${p.model}". Known models: ${p.known}.`,
    (p) => `未知模型 "${p.model}"。可用模型：${p.known}。`,
  ),
  CS_ERR_MODEL_CHECKSUM: define(
    502,
    (p) => `The download of "${p.file}" has sha256 ${p.actual}, expected ${p.expected}. The download was deleted. Install again, or check the mirror set in CALLSCORE_MODEL_BASE_URL.`,
    (p) => `下载的 "${p.file}" 的 sha256 为 ${p.actual}，应为 ${p.expected}。该下载文件已删除。请重新安装，或检查 CALLSCORE_MODEL_BASE_URL 指向的镜像。`,
  ),
  CS_ERR_MODEL_DOWNLOAD: define(
    502,
    (p) => `Downloading "${p.url}" failed: ${p.reason}. Run the install again to resume, or set CALLSCORE_MODEL_BASE_URL to a reachable mirror.`,
    (p) => `下载 "${p.url}" 失败：${p.reason}。请重新运行安装以续传，或将 CALLSCORE_MODEL_BASE_URL 设为可访问的镜像。`,
  ),
  CS_ERR_MODEL_SOURCE_MISSING: define(
    400,
    (p) => `The local model source "${p.file}" does not exist. Give --from an existing folder or archive with the model's files.`,
    (p) => `本地模型来源 "${p.file}" 不存在。请为 --from 指定一个已有的文件夹或压缩包，其中包含该模型的文件。`,
  ),
  CS_ERR_MODEL_EXTRACT: define(
    500,
    (p) => `Extracting "${p.file}" into ${p.dir} failed: ${p.reason}. Check that tar and bzip2 are installed and the disk has free space, then install again.`,
    (p) => `将 "${p.file}" 解压到 ${p.dir} 失败：${p.reason}。请确认已安装 tar 和 bzip2 且磁盘有剩余空间，然后重新安装。`,
  ),
  CS_ERR_ASR_WORKER_FAILED: define(
    500,
    (p) => `The speech recognition worker stopped while transcribing "${p.audio}": ${p.reason}. Retry the call; if it fails again, check the model with: callscore models verify ${p.model}`,
    (p) => `语音识别工作线程在转写 "${p.audio}" 时停止：${p.reason}。请重试；如仍失败，请运行 callscore models verify ${p.model} 检查模型。`,
  ),
  CS_ERR_TRANSCRIPTION_FAILED: define(
    500,
    (p) => `Transcription of call "${p.callId}" failed: ${p.reason}.`,
    (p) => `通话 "${p.callId}" 转写失败：${p.reason}。`,
  ),
  CS_ERR_ANALYSIS_FAILED: define(
    500,
    (p) => `Analysis of call "${p.callId}" failed: ${p.reason}. Retry with POST /v1/calls/${p.callId}/retry.`,
    (p) => `通话 "${p.callId}" 分析失败：${p.reason}。请调用 POST /v1/calls/${p.callId}/retry 重试。`,
  ),
  CS_ERR_CALL_NOT_RETRYABLE: define(
    409,
    (p) => `Call "${p.callId}" is in status "${p.status}"; only failed calls can be retried.`,
    (p) => `通话 "${p.callId}" 当前状态为 "${p.status}"，只有失败的通话可以重试。`,
  ),
  CS_ERR_STORAGE_FULL: define(
    507,
    () => 'The server has no disk space left for the upload. Try again later or ask the operator to free space.',
    () => '服务器磁盘空间不足，无法保存上传文件。请稍后重试或联系运维释放空间。',
  ),
  CS_ERR_SCORING_SETTINGS_INVALID: define(
    400,
    (p) => `Invalid scoring settings: ${p.issuesEn}. Correct these values, or leave them out to use the defaults.`,
    (p) => `评分设置无效：${p.issuesZh}。请修正这些值，或删除它们以使用默认值。`,
  ),
  CS_ERR_SCORING_INPUT_INVALID: define(
    422,
    (p) => `Cannot score call "${p.callId}": ${p.issuesEn}. Fix the analysis result of this call and score it again.`,
    (p) => `无法为通话 "${p.callId}" 评分：${p.issuesZh}。请修正该通话的分析结果后重新评分。`,
  ),
  CS_ERR_SCORING_DUPLICATE_CALL: define(
    422,
    (p) => `Call "${p.callId}" is listed more than once for deal scoring. Pass each call once.`,
    (p) => `商机评分的输入中通话 "${p.callId}" 出现了多次。每个通话只能传入一次。`,
  ),
  CS_ERR_SCORING_RULES_MISMATCH: define(
    409,
    (p) => `Call "${p.callId}" was scored with rules ${p.callRules}, but the deal is scored with rules ${p.dealRules}. Score the call again with the current settings first.`,
    (p) => `通话 "${p.callId}" 的评分规则版本为 ${p.callRules}，而商机评分使用 ${p.dealRules}。请先用当前设置重新为该通话评分。`,
  ),
  CS_ERR_INTERNAL: define(
    500,
    (p) => `Internal error (request ${p.requestId}). The error was logged; retry or report the request id.`,
    (p) => `内部错误（请求 ${p.requestId}）。错误已记录；请重试或提供请求编号。`,
  ),
  CS_ERR_GOLD_INVALID: define(
    422,
    (p) => `Gold file "${p.file}" line ${p.line}: field "${p.field}" is invalid (${p.found}). ${p.fix}.`,
    (p) => `标注文件 "${p.file}" 第 ${p.line} 行：${p.field === '(line)' ? '整行' : `字段 "${p.field}" `}无效（${p.foundZh}）。${p.fixZh}。`,
  ),
  CS_ERR_OUTPUT_UNWRITABLE: define(
    400,
    (p) => `Cannot write "${p.file}": ${p.reason}. Give ${p.option} a file path in an existing folder that you may write to.`,
    (p) => `无法写入 "${p.file}"：${p.reasonZh}。请为 ${p.option} 指定一个位于已有且可写文件夹中的文件路径。`,
  ),
  CS_ERR_GOLD_UNREADABLE: define(
    400,
    (p) => `Cannot read gold file "${p.file}": ${p.reason}. Check the path given to --gold.`,
    (p) => `无法读取标注文件 "${p.file}"：${p.reasonZh}。请检查 --gold 指定的路径。`,
  ),
  CS_ERR_GOLD_EMPTY: define(
    400,
    (p) => `Gold file "${p.file}" has no labelled conversation. Write one labelled conversation per line, each a JSON object (data/README.md describes the format).`,
    (p) => `标注文件 "${p.file}" 中没有任何标注会话。请每行写入一个标注会话，每个为一个 JSON 对象（格式见 data/README.md）。`,
  ),
  CS_ERR_DEAL_NOT_REGISTERED: define(
    404,
    (p) => `Deal "${p.dealId}" has not been created. Create it with PUT /v1/deals/${p.dealId} first.`,
    (p) => `商机 "${p.dealId}" 尚未创建。请先通过 PUT /v1/deals/${p.dealId} 创建。`,
  ),
  CS_ERR_INTENT_CHAIN_INVALID: define(
    400,
    (p) => `Intent chain ${p.chain} names tag "${p.tagId}", which is not a pain tag of this deal. Add the tag to "tags" or remove it from the chain.`,
    (p) => `意图链 ${p.chain} 引用了标签 "${p.tagId}"，但它不是该商机的痛点标签。请将其加入 "tags" 或从链中删除。`,
  ),
  CS_ERR_AUDIT_ARGUMENT_INVALID: define(
    400,
    (p) => `Invalid audit option ${p.option}: "${p.value}". ${p.expected}`,
    (p) => `审计参数 ${p.option} 无效："${p.value}"。${p.expectedZh}`,
  ),
  CS_ERR_EVAL_DETECTOR_FAILED: define(
    500,
    (p) => `The detector failed on conversation "${p.conversationId}" of gold file "${p.file}": ${p.reason}. Evaluate that conversation alone to reproduce the failure.`,
    (p) => `检测器在标注文件 "${p.file}" 的会话 "${p.conversationId}" 上出错：${p.reason}。请单独评测该会话以复现问题。`,
  ),
  CS_ERR_CALL_ID_CONFLICT: define(
    409,
    (p) => `Call id "${p.callId}" is already used by a call with different content (sha256 ${p.existingSha256}). Choose another callId, or send the same file again.`,
    (p) => `通话 id "${p.callId}" 已被内容不同的通话占用（sha256 ${p.existingSha256}）。请换一个 callId，或重新发送同一个文件。`,
  ),
  CS_ERR_CALL_ID_MISMATCH: define(
    409,
    (p) => `Call "${p.callId}" already exists with ${p.field} "${p.existing}", but this upload sent "${p.received}". To retry the upload, send the same fields again; for a different call, choose another callId.`,
    (p) => `通话 "${p.callId}" 已存在，其 ${p.field} 为 "${p.existing}"，而本次上传为 "${p.received}"。如需重试上传，请发送相同的字段；如是另一通通话，请换一个 callId。`,
  ),
  CS_ERR_MANIFEST_INVALID: define(
    400,
    (p) => `The manifest cannot be read: ${p.reason}. Send a CSV file whose first line names the columns: path, dealId, repId and startedAt, and optionally callId, channelLayout, language, teamId and consent.`,
    (p) => `无法读取清单：${p.reasonZh ?? p.reason}。请发送首行为列名的 CSV 文件：必需 path、dealId、repId、startedAt，可选 callId、channelLayout、language、teamId、consent。`,
  ),
  CS_ERR_MANIFEST_ROW: define(
    400,
    (p) => `Manifest line ${p.line}: field "${p.field}" is invalid: ${p.reason}. Fix the row and import the manifest again; rows already imported are skipped.`,
    (p) => `清单第 ${p.line} 行：字段 "${p.field}" 无效：${p.reasonZh ?? p.reason}。请修正该行后重新导入清单；已导入的行会被跳过。`,
  ),
  CS_ERR_BATCH_NOT_FOUND: define(
    404,
    (p) => `Batch "${p.batchId}" was not found. Check the id returned by POST /v1/batches or callscore batch import.`,
    (p) => `未找到批次 "${p.batchId}"。请核对 POST /v1/batches 或 callscore batch import 返回的 id。`,
  ),
  CS_ERR_BATCH_EMPTY: define(
    422,
    (p) => `No calls to ${p.action}: ${p.reason}. Check ${p.check}.`,
    (p) => `没有可${p.actionZh}的通话：${p.reasonZh}。请检查${p.checkZh}。`,
  ),
  CS_ERR_CONSENT_REQUIRED: define(
    422,
    (p) => `Team "${p.teamId}" only accepts calls recorded with the customer's consent, and this upload has consent "${p.consent}". Send the field consent=true once consent is recorded.`,
    (p) => `团队 "${p.teamId}" 只接受客户已同意录音的通话，本次上传的 consent 为 "${p.consent}"。确认已取得同意后请发送字段 consent=true。`,
  ),
  CS_ERR_ADMIN_REQUIRED: define(
    403,
    () => 'The original transcript is readable by users with the admin role only. Sign in as an admin or use an admin\'s API key.',
    () => '原始转写文本仅限管理员角色读取。请以管理员身份登录，或使用管理员的 API 密钥。',
  ),
  CS_ERR_ORIGINAL_NOT_KEPT: define(
    404,
    (p) => `Call "${p.callId}" has no original transcript: its team stores masked text only (privacy.redactionMode "redacted_only") or the transcript was deleted.`,
    (p) => `通话 "${p.callId}" 没有原始转写文本：其团队只保存脱敏文本（privacy.redactionMode 为 "redacted_only"），或转写已被删除。`,
  ),
  CS_ERR_DATABASE_LOCK_INVALID: define(
    500,
    (p) => `The lock path "${p.path}" of the embedded database in "${p.dir}" is a directory, not a lock file, so callscore cannot tell whether another process uses the database. Remove that directory and start again.`,
    (p) => `"${p.dir}" 中嵌入式数据库的锁路径 "${p.path}" 是一个目录而不是锁文件，callscore 无法判断是否有其他进程正在使用该数据库。请删除该目录后重新启动。`,
  ),
  CS_ERR_DATABASE_IN_USE: define(
    409,
    (p) =>
      `The embedded database in "${p.dir}" is open in another callscore process (pid ${p.pid}), and PGlite serves one process at a time. ` +
      'Stop that process (for example the running server) and try again; while the server runs, sign in and create API keys with POST /v1/api-keys instead. ' +
      'To let several processes share one database, set DATABASE_URL to a PostgreSQL database.',
    (p) =>
      `"${p.dir}" 中的嵌入式数据库已被另一个 callscore 进程（pid ${p.pid}）打开，而 PGlite 同一时间只允许一个进程使用。` +
      '请先停止该进程（例如正在运行的服务器）后重试；服务器运行期间，请登录后通过 POST /v1/api-keys 创建 API 密钥。' +
      '如需多个进程共用一个数据库，请将 DATABASE_URL 设为 PostgreSQL 数据库。',
  ),
  CS_ERR_NOT_READY: define(
    503,
    (p) => `The service is not ready: ${p.failed}. Check the components named here; /readyz lists each check.`,
    (p) => `服务尚未就绪：${p.failed}。请检查所列组件；/readyz 会列出每项检查。`,
  ),
  // Access: who may call the API and what they may see.
  CS_ERR_UNAUTHENTICATED: define(
    401,
    () => 'Sign in first: send the session cookie from POST /v1/auth/sign-in, or an API key as the header "Authorization: Bearer <key>".',
    () => '请先登录：携带 POST /v1/auth/sign-in 返回的会话 Cookie，或以请求头 "Authorization: Bearer <密钥>" 发送 API 密钥。',
  ),
  CS_ERR_FORBIDDEN: define(
    403,
    (p) => `Your role "${p.role}" may not ${p.action}. Ask an admin for a role that allows it.`,
    (p) => `您的角色 "${p.role}" 无权${p.actionZh ?? p.action}。请联系管理员分配有此权限的角色。`,
  ),
  CS_ERR_CROSS_SITE_REQUEST: define(
    403,
    (p) =>
      p.origin === ''
        ? `The request has neither an Origin nor a Sec-Fetch-Site header, which sign-in and requests authorized by the session cookie need. Send "Origin: ${p.expected}", or use an API key as the header "Authorization: Bearer <key>".`
        : `The request comes from "${p.origin}", not from this server's origin "${p.expected}". Sign-in and requests authorized by the session cookie must come from the callscore page itself; a script should use an API key as the header "Authorization: Bearer <key>".`,
    (p) =>
      p.origin === ''
        ? `请求既没有 Origin 也没有 Sec-Fetch-Site 请求头，而登录和使用会话 Cookie 授权的请求需要其中之一。请发送 "Origin: ${p.expected}"，或以请求头 "Authorization: Bearer <密钥>" 使用 API 密钥。`
        : `请求来自 "${p.origin}"，而不是本服务器的源 "${p.expected}"。登录和使用会话 Cookie 授权的请求必须来自 callscore 网页本身；脚本请以请求头 "Authorization: Bearer <密钥>" 使用 API 密钥。`,
  ),
  CS_ERR_SIGN_IN_FAILED: define(
    401,
    () => 'The e-mail address or password is wrong, or the account is disabled. Check both and try again.',
    () => '邮箱或密码错误，或账号已停用。请核对后重试。',
  ),
  CS_ERR_RATE_LIMITED: define(
    429,
    (p) => `Too many requests to ${p.what}. Wait ${p.retryAfterSeconds} ${Number(p.retryAfterSeconds) === 1 ? 'second' : 'seconds'} and try again.`,
    (p) => `${p.whatZh ?? p.what}请求过于频繁。请等待 ${p.retryAfterSeconds} 秒后重试。`,
  ),
  CS_ERR_EMAIL_TAKEN: define(
    409,
    (p) => `A user with the e-mail address "${p.email}" already exists. Use another address, or change that user with PATCH /v1/users/{id}.`,
    (p) => `邮箱 "${p.email}" 已被其他用户使用。请换一个邮箱，或通过 PATCH /v1/users/{id} 修改该用户。`,
  ),
  CS_ERR_USER_NOT_FOUND: define(
    404,
    (p) => `No user has the ${p.field ?? 'id'} "${p.value}". List users with GET /v1/users (admins) and check the value.`,
    (p) => `没有${p.field === 'email' ? '邮箱' : ' id '}为 "${p.value}" 的用户。请用 GET /v1/users（管理员）查看用户并核对该值。`,
  ),
  CS_ERR_REP_ID_REQUIRED: define(
    400,
    () => 'A user with the role "rep" needs a repId: the rep id that calls and deals use for this person. Send repId.',
    () => '角色为 "rep" 的用户必须提供 repId，即通话和商机中代表此人的销售 id。请提供 repId。',
  ),
  CS_ERR_REP_ID_TAKEN: define(
    409,
    (p) => `Another user already has the rep id "${p.repId}", and a rep id may belong to one user only because it grants access to that rep's calls and deals. Send this user's own rep id, or change the other user first.`,
    (p) => `已有其他用户使用销售编号 "${p.repId}"。销售编号会授予该销售的通话和商机的访问权限，因此只能属于一个用户。请填写此用户自己的销售编号，或先修改另一位用户。`,
  ),
  CS_ERR_API_KEY_NOT_FOUND: define(
    404,
    (p) => `No API key has the id "${p.keyId}". List your keys with GET /v1/api-keys and check the id.`,
    (p) => `没有 id 为 "${p.keyId}" 的 API 密钥。请用 GET /v1/api-keys 查看您的密钥并核对 id。`,
  ),
  CS_ERR_LAST_ADMIN: define(
    409,
    (p) => `User "${p.email}" (id ${p.userId}) is the last enabled admin, so it cannot be demoted or disabled. Make another user an admin first.`,
    (p) => `用户 "${p.email}"（id ${p.userId}）是最后一个启用的管理员，不能降级或停用。请先将另一位用户设为管理员。`,
  ),
  CS_ERR_CALL_ID_TAKEN: define(
    409,
    (p) => `Call id "${p.callId}" is already in use. Choose another callId, or leave it out to get a generated one.`,
    (p) => `通话 id "${p.callId}" 已被占用。请换一个 callId，或不提供 callId 以自动生成。`,
  ),
  CS_ERR_DEAL_ID_TAKEN: define(
    409,
    (p) => `Deal id "${p.dealId}" belongs to a deal you may not add calls to. Use a deal of your own, or ask a manager of that deal's team to upload the call.`,
    (p) => `商机编号 "${p.dealId}" 属于您无权添加通话的商机。请使用您自己的商机，或请该商机所在团队的经理上传此通话。`,
  ),
  // Review: findings, coaching notes. Add review codes below this line.
  CS_ERR_FINDING_NOT_FOUND: define(
    404,
    (p) => `Finding ${p.findingId} was not found. Take the id from GET /v1/review/findings or from the findings of GET /v1/calls/{id}.`,
    (p) => `未找到话术陷阱 ${p.findingId}。请从 GET /v1/review/findings 或 GET /v1/calls/{id} 的 findings 中取 id。`,
  ),
  CS_ERR_REVIEW_REASON_REQUIRED: define(
    400,
    (p) => `Dismissing finding ${p.findingId} needs a reasonCode. Send one of: ${p.allowed}.`,
    (p) => `驳回话术陷阱 ${p.findingId} 时必须提供 reasonCode。请取以下之一：${p.allowed}。`,
  ),
  CS_ERR_REVIEW_REASON_NOT_ALLOWED: define(
    400,
    (p) => `A confirmation takes no reasonCode, but got "${p.reasonCode}". Leave reasonCode out, or send decision "dismiss".`,
    (p) => `确认时不能提供 reasonCode，收到的是 "${p.reasonCode}"。请去掉 reasonCode，或改为 decision "dismiss"。`,
  ),
  CS_ERR_CURSOR_INVALID: define(
    400,
    (p) => `The cursor "${p.cursor}" is invalid. Send the nextCursor of the previous page unchanged, or leave cursor out to start from the first page.`,
    (p) => `cursor "${p.cursor}" 无效。请原样传入上一页返回的 nextCursor，或不传 cursor 从第一页开始。`,
  ),
  CS_ERR_NOTE_NOT_FOUND: define(
    404,
    (p) => `Coaching note ${p.noteId} was not found. Take the id from GET /v1/me/notes or GET /v1/calls/{id}/notes.`,
    (p) => `未找到辅导备注 ${p.noteId}。请从 GET /v1/me/notes 或 GET /v1/calls/{id}/notes 中取 id。`,
  ),
  CS_ERR_NOTE_AFTER_CALL_END: define(
    400,
    (p) => `atMs ${p.atMs} is after the end of call "${p.callId}", which lasts ${p.durationMs} ms. Send a time from 0 to ${p.durationMs}.`,
    (p) => `atMs ${p.atMs} 晚于通话 "${p.callId}" 的结束时间（时长 ${p.durationMs} 毫秒）。请给出 0 到 ${p.durationMs} 之间的时间。`,
  ),
  CS_ERR_CALL_HAS_NO_AUDIO: define(
    404,
    (p) => `Call "${p.callId}" was uploaded as a transcript and has no audio. Read its text with GET /v1/calls/${p.callId}.`,
    (p) => `通话 "${p.callId}" 是以转写文本上传的，没有音频。请通过 GET /v1/calls/${p.callId} 查看文本。`,
  ),
  CS_ERR_RECORDING_DELETED: define(
    404,
    (p) => `The recording of call "${p.callId}" was deleted (retention or a deletion request); only its transcript and scores remain.`,
    (p) => `通话 "${p.callId}" 的录音已被删除（保留期到期或删除请求），只保留转写文本和评分。`,
  ),
  CS_ERR_RANGE_NOT_SATISFIABLE: define(
    416,
    (p) => `The Range "${p.range}" does not fit the recording of ${p.sizeBytes} bytes. Ask for bytes from 0 to ${p.lastByte}, for example "bytes=0-".`,
    (p) => `Range "${p.range}" 超出录音大小（${p.sizeBytes} 字节）。请请求 0 到 ${p.lastByte} 之间的字节，例如 "bytes=0-"。`,
  ),
  CS_ERR_RANGE_INVALID: define(
    416,
    (p) => `The Range header "${p.range}" is malformed. Send one byte range as "bytes=START-END", "bytes=START-" or "bytes=-LENGTH" with whole numbers, for example "bytes=0-1023".`,
    (p) => `Range 请求头 "${p.range}" 格式错误。请发送一个字节范围，格式为 "bytes=起始-结束"、"bytes=起始-" 或 "bytes=-长度"，均为整数，例如 "bytes=0-1023"。`,
  ),
  // Voice enrolment: rep voice samples that decide the roles of mono calls.
  CS_ERR_REP_NOT_FOUND: define(
    404,
    (p) => `No rep with the rep id "${p.repId}" was found among the users you may see. Check the repId of the rep's user in GET /v1/users (admins).`,
    (p) => `在您可查看的用户中未找到销售编号为 "${p.repId}" 的销售。请在 GET /v1/users（管理员）中核对该销售用户的 repId。`,
  ),
  CS_ERR_VOICE_NOT_ENROLLED: define(
    404,
    (p) => `Rep "${p.repId}" has no enrolled voice. Enrol one with PUT /v1/reps/${p.repId}/voice and a recording of the rep speaking for ${p.minSeconds} to ${p.maxSeconds} seconds.`,
    (p) => `销售 "${p.repId}" 尚未登记声纹。请通过 PUT /v1/reps/${p.repId}/voice 上传该销售本人说话 ${p.minSeconds} 到 ${p.maxSeconds} 秒的录音进行登记。`,
  ),
  CS_ERR_VOICE_SAMPLE_MISSING: define(
    400,
    () => 'The request has no file part. Send the voice sample, a recording of the rep speaking, as multipart field "file".',
    () => '请求中没有文件。请在 multipart 字段 "file" 中上传声纹样本，即销售本人说话的录音。',
  ),
  CS_ERR_VOICE_SAMPLE_TOO_SHORT: define(
    400,
    (p) => `The voice sample "${p.filename}" contains ${p.seconds} s of usable speech, and enrolment needs at least ${p.minSeconds} s. Record the rep speaking for at least ${p.minSeconds} seconds with little background noise.`,
    (p) => `声纹样本 "${p.filename}" 只有 ${p.seconds} 秒可用语音，登记至少需要 ${p.minSeconds} 秒。请录制销售本人至少说话 ${p.minSeconds} 秒、背景噪音较小的录音。`,
  ),
  CS_ERR_VOICE_SAMPLE_TOO_LONG: define(
    400,
    (p) =>
      p.measure === 'recording'
        ? `The voice sample "${p.filename}" lasts ${p.seconds} s, and a sample may last at most ${p.maxSeconds} s. Cut it to a part where the rep speaks.`
        : `The voice sample "${p.filename}" contains ${p.seconds} s of speech, and enrolment takes at most ${p.maxSeconds} s. Cut it to at most ${p.maxSeconds} seconds of the rep speaking.`,
    (p) =>
      p.measure === 'recording'
        ? `声纹样本 "${p.filename}" 时长 ${p.seconds} 秒，样本最长为 ${p.maxSeconds} 秒。请截取销售本人说话的部分。`
        : `声纹样本 "${p.filename}" 含 ${p.seconds} 秒语音，登记最多接受 ${p.maxSeconds} 秒。请截取不超过 ${p.maxSeconds} 秒的销售本人说话录音。`,
  ),
  // Command line usage: commander's own parse errors, converted in src/cli/usage-errors.ts.
  CS_ERR_CLI_UNKNOWN_OPTION: define(
    400,
    (p) => `Unknown option "${p.option}" for "${p.command}".${suggestionEn(p)} Run "${p.command} --help" to list its options.`,
    (p) => `"${p.command}" 不支持选项 "${p.option}"。${suggestionZh(p)}请运行 "${p.command} --help" 查看可用选项。`,
  ),
  CS_ERR_CLI_UNKNOWN_COMMAND: define(
    400,
    (p) => `Unknown command "${p.name}" for "${p.command}".${suggestionEn(p)} Run "${p.command} --help" to list its commands.`,
    (p) => `"${p.command}" 没有命令 "${p.name}"。${suggestionZh(p)}请运行 "${p.command} --help" 查看可用命令。`,
  ),
  CS_ERR_CLI_COMMAND_MISSING: define(
    400,
    (p) => `"${p.command}" needs a command. Run "${p.command} --help" to list its commands.`,
    (p) => `"${p.command}" 缺少命令。请运行 "${p.command} --help" 查看可用命令。`,
  ),
  CS_ERR_CLI_ARGUMENT_MISSING: define(
    400,
    (p) => `Missing required argument <${p.argument}> for "${p.command}". Run "${p.command} --help" to see its usage.`,
    (p) => `"${p.command}" 缺少必需的参数 <${p.argument}>。请运行 "${p.command} --help" 查看用法。`,
  ),
  CS_ERR_CLI_TOO_MANY_ARGUMENTS: define(
    400,
    (p) => `"${p.command}" takes ${argumentCountEn(Number(p.expected))}, but got the extra "${p.extra}". Run "${p.command} --help" to see its usage.`,
    (p) => `"${p.command}" ${Number(p.expected) === 0 ? '不接受参数' : `只接受 ${p.expected} 个参数`}，多出了 "${p.extra}"。请运行 "${p.command} --help" 查看用法。`,
  ),
  CS_ERR_CLI_OPTION_REQUIRED: define(
    400,
    (p) => `Missing required option "${p.option}" for "${p.command}". Run "${p.command} --help" to see its usage.`,
    (p) => `"${p.command}" 缺少必需的选项 "${p.option}"。请运行 "${p.command} --help" 查看用法。`,
  ),
  CS_ERR_CLI_OPTION_VALUE_MISSING: define(
    400,
    (p) => `Option "${p.option}" of "${p.command}" is missing its value. Give the value after the option; "${p.command} --help" describes it.`,
    (p) => `"${p.command}" 的选项 "${p.option}" 缺少值。请在选项后给出值；"${p.command} --help" 中有说明。`,
  ),
  CS_ERR_CLI_OPTION_INVALID: define(
    400,
    (p) => `Invalid value "${p.value}" for option "${p.option}" of "${p.command}". Use one of: ${p.allowed}.`,
    (p) => `"${p.command}" 的选项 "${p.option}" 的值 "${p.value}" 无效。请取以下之一：${p.allowed}。`,
  ),
  CS_ERR_CLI_USAGE: define(
    400,
    (p) => `Invalid command line for "${p.command}": ${p.detail} Run "${p.command} --help" to see its usage.`,
    (p) => `"${p.command}" 的命令行有误：${p.detail} 请运行 "${p.command} --help" 查看用法。`,
  ),
} as const;

export type ErrorCode = keyof typeof ERRORS;

/** An error with a stable code, an HTTP status and bilingual messages. */
export class CallscoreError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly params: Params;

  constructor(code: ErrorCode, params: Params = {}, options?: { cause?: unknown }) {
    super(ERRORS[code].en(params), options);
    this.name = 'CallscoreError';
    this.code = code;
    this.status = ERRORS[code].status;
    this.params = params;
  }

  /** Renders the message in the given locale. */
  messageIn(locale: Locale): string {
    const definition = ERRORS[this.code];
    return locale === 'zh-CN' ? definition.zh(this.params) : definition.en(this.params);
  }
}

/** True for a `CallscoreError` with the given code (or any code when omitted). */
export function isCallscoreError(error: unknown, code?: ErrorCode): error is CallscoreError {
  return error instanceof CallscoreError && (code === undefined || error.code === code);
}
