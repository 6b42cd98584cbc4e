<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Analysis</name>
    <message>
        <source>{path}: {width}x{height} pixels is too small to see a dancer in (at least {side}x{side})</source>
        <extracomment>Frames a worker tracks before its segment starts, to settle the tracker&apos;s ROI and filters. The same when tracking everyone: the overlap with the previous segment is where the people of two segments are matched, so it is longer. Segments shorter than this are not worth a worker of their own. How often the parent collects progress while workers run. A segment&apos;s part maps, packed, by [frame][person] as in ``PeopleSegment.people``. Why this worker has no tracker (a model file missing or altered), raised by every job. How often a worker checks that the process it works for still lives (seconds).</extracomment>
        <translation>{path}: {width}x{height} 像素太小，看不清舞者（至少需要 {side}x{side}）</translation>
    </message>
</context>
<context>
    <name>Audio</name>
    <message>
        <source>{path}: its sound track cannot be read ({reason})</source>
        <extracomment>Full scale of the 16-bit samples a ``StreamingAudio`` keeps.</extracomment>
        <translation>{path}: 无法读取音轨（{reason}）</translation>
    </message>
</context>
<context>
    <name>BatchJob</name>
    <message>
        <source>{path}: the reference must be a video, not an image</source>
        <extracomment>The six parts, in the order of the report (and of the CSV&apos;s columns). How many times this process prepared a reference: a batch checks it prepared exactly one.</extracomment>
        <translation>{path}: 示范必须是视频，不能是图片</translation>
    </message>
    <message>
        <source>not this dance</source>
        <translation>不是这支舞蹈</translation>
    </message>
    <message>
        <source>{moves}: {advice}</source>
        <translation>{moves}：{advice}</translation>
    </message>
    <message>
        <source>{path}: a performance must be a video, not an image</source>
        <translation>{path}: 表演必须是视频，不能是图片</translation>
    </message>
</context>
<context>
    <name>Calibration</name>
    <message>
        <source>calibration: the pose tracker did not finish the last frames</source>
        <extracomment>Seconds of click track kept queued in the sink ahead of what is playing. Frames waiting for the tracker (drop-oldest): ~0.2 s, so a slow machine thins frames evenly. How often the beat watcher looks at the sink (seconds). After the last beat, capture goes on for this many beats (a late clap must still be seen). The sound output counts as stuck when its played time has not moved for this long (seconds). Longest wait for the tracker to load, or to finish the queued frames at the end (seconds).</extracomment>
        <translation>校准：姿势识别没能处理完最后几帧</translation>
    </message>
    <message>
        <source>calibration cancelled</source>
        <translation>校准已取消</translation>
    </message>
    <message>
        <source>calibration: the pose tracker took too long to load</source>
        <translation>校准：姿势识别加载时间过长</translation>
    </message>
    <message>
        <source>{camera}: the camera stopped during the calibration ({reason})</source>
        <translation>{camera}: 校准过程中摄像头停止了（{reason}）</translation>
    </message>
    <message>
        <source>No sound is playing: check the sound output (speakers or headphones) and try again.</source>
        <translation>没有声音在播放：请检查声音输出（扬声器或耳机），然后再试一次。</translation>
    </message>
</context>
<context>
    <name>Camera</name>
    <message>
        <source>stopped before it started</source>
        <translation>还没开始就停止了</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>{camera}: the source ended after {frames} frames</source>
        <translation>{camera}: 画面来源在 {frames} 帧后结束</translation>
    </message>
    <message>
        <source>{camera}: capture failed after {frames} frames ({error})</source>
        <translation>{camera}: 拍摄到 {frames} 帧后失败（{error}）</translation>
    </message>
    <message>
        <source>{reason}; releasing the camera failed ({error})</source>
        <translation>{reason}；释放摄像头失败（{error}）</translation>
    </message>
    <message>
        <source>camera {index}</source>
        <extracomment>Consecutive failed reads before the camera counts as lost (one can be a USB hiccup).</extracomment>
        <translation>摄像头 {index}</translation>
    </message>
    <message>
        <source>{camera}: cannot be opened (not connected, or in use by another app)</source>
        <translation>{camera}: 无法打开（未连接，或正被其他应用占用）</translation>
    </message>
    <message>
        <source>{camera}: stopped delivering frames after {frames} (disconnected?)</source>
        <translation>{camera}: 在 {frames} 帧后不再传来画面（是否已断开？）</translation>
    </message>
    <message>
        <source>{error} (the stand-in camera ended early)</source>
        <translation>{error}（替代摄像头提前结束）</translation>
    </message>
    <message>
        <source>{camera}: the frame source must return HxWx3 uint8 RGB frames</source>
        <translation>{camera}: 画面来源必须返回 HxWx3 uint8 RGB 帧</translation>
    </message>
    <message>
        <source>none registered</source>
        <translation>暂无</translation>
    </message>
    <message>
        <source>{spec}: not a camera: give a device index (0, 1, ...), a video file, or a source name ({kinds})</source>
        <translation>{spec}: 不是摄像头：请给出设备编号（0、1……）、视频文件或画面来源名称（{kinds}）</translation>
    </message>
</context>
<context>
    <name>Dancers</name>
    <message>
        <source>{path}: nobody was found in it; choose a video where the dancer can be seen</source>
        <extracomment>At most this many dancers are kept. A person in view for less than this (seconds, or share of the most-seen dancer) is not a dancer. ... but in a clip shorter than that, in view for this share of it is enough (a 0.6 s clip with one dancer in every frame has a dancer, not &quot;nobody in it&quot;). Pieces are joined when the gap, in body heights per (1 + 2 x seconds apart), is below this.</extracomment>
        <translation>{path}: 视频里没有找到人；请选择能看到舞者的视频</translation>
    </message>
    <message>
        <source>{path}: {problem} (--dancer 1, or auto)</source>
        <translation>{path}: {problem}（--dancer 1，或 auto）</translation>
    </message>
    <message>
        <source>{path}: {problem} (--dancer 1 to {count}, or auto)</source>
        <translation>{path}: {problem}（--dancer 1 到 {count}，或 auto）</translation>
    </message>
    <message>
        <source>there is no dancer {number}: {found}</source>
        <translation>没有 {number} 号舞者：{found}</translation>
    </message>
    <message>
        <source>nobody was found in it</source>
        <translation>视频里没有找到人</translation>
    </message>
    <message>
        <source>one dancer was found</source>
        <translation>找到 1 位舞者</translation>
    </message>
    <message>
        <source>{count} dancers were found</source>
        <translation>找到 {count} 位舞者</translation>
    </message>
</context>
<context>
    <name>DataFolder</name>
    <message>
        <source>{path}: cannot lock the data folder ({reason})</source>
        <extracomment>Two readings of one process&apos;s start time differ by rounding only; a reused pid by far more.</extracomment>
        <translation>{path}: 无法锁定数据文件夹（{reason}）</translation>
    </message>
    <message>
        <source>another DanceLike (process {pid}) is using the data folder {path}; switch to it, or close it and start again</source>
        <translation>另一个 DanceLike（进程 {pid}）正在使用数据文件夹 {path}；请切换到那个窗口，或将它关闭后重新启动</translation>
    </message>
    <message>
        <source>another DanceLike is using the data folder {path}; switch to it, or close it and start again</source>
        <translation>另一个 DanceLike 正在使用数据文件夹 {path}；请切换到那个窗口，或将它关闭后重新启动</translation>
    </message>
    <message>
        <source>{path}: cannot create the data folder ({reason}); set DANCELIKE_HOME to a writable folder</source>
        <translation>{path}: 无法创建数据文件夹（{reason}）；请将 DANCELIKE_HOME 设为一个可写入的文件夹</translation>
    </message>
    <message>
        <source>{path}: cannot create it ({reason})</source>
        <translation>{path}: 无法创建（{reason}）</translation>
    </message>
    <message>
        <source>{path}: is a symbolic link; DanceLike keeps only regular files there and never follows a link (remove it, or set DANCELIKE_HOME to another folder)</source>
        <extracomment>Characters no file name may hold somewhere (path separators, Windows&apos; reserved ones). Never through a symbolic link; never waiting for a FIFO&apos;s other end.</extracomment>
        <translation>{path}: 是符号链接；DanceLike 在这里只保存普通文件，从不跟随链接（请删除它，或将 DANCELIKE_HOME 设为其他文件夹）</translation>
    </message>
    <message>
        <source>{path}: is not a regular file; DanceLike keeps only regular files there and never follows a link (remove it, or set DANCELIKE_HOME to another folder)</source>
        <translation>{path}: 不是普通文件；DanceLike 在这里只保存普通文件，从不跟随链接（请删除它，或将 DANCELIKE_HOME 设为其他文件夹）</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>{path}: cannot open the database (the disk is full)</source>
        <extracomment>Every status a session row can have; &quot;running&quot; is also what an orphan (app died) looks like. Statuses whose score counts for the personal best and the progress chart. ``status IN (?, ?, ?)``: one placeholder per scored status, their values passed with the query. Its placeholders come first: a query&apos;s own values follow ``SCORED``. One sentence for the user when the database was damaged and rebuilt at opening.</extracomment>
        <translation>{path}: 无法打开数据库（磁盘已满）</translation>
    </message>
    <message>
        <source>{path}: cannot open the database ({reason})</source>
        <translation>{path}: 无法打开数据库（{reason}）</translation>
    </message>
    <message>
        <source>{path}: the database cannot use write-ahead logging here ({mode})</source>
        <translation>{path}: 数据库在这里无法使用预写日志（{mode}）</translation>
    </message>
    <message>
        <source>{path}: not a DanceLike database or damaged ({reason})</source>
        <translation>{path}: 不是 DanceLike 数据库，或已损坏（{reason}）</translation>
    </message>
    <message>
        <source>{path}: made by a newer DanceLike (schema v{version}); update DanceLike to open it</source>
        <translation>{path}: 由更新版本的 DanceLike 创建（数据结构 v{version}）；请更新 DanceLike 后再打开</translation>
    </message>
    <message>
        <source>{path}: cannot write the database (the disk is full)</source>
        <translation>{path}: 无法写入数据库（磁盘已满）</translation>
    </message>
    <message>
        <source>{path}: cannot write the database ({reason})</source>
        <translation>{path}: 无法写入数据库（{reason}）</translation>
    </message>
    <message>
        <source>{path}: cannot read the database ({reason}); restart DanceLike to repair it</source>
        <translation>{path}: 无法读取数据库（{reason}）；请重启 DanceLike 进行修复</translation>
    </message>
    <message>
        <source>{path}: cannot create the session folder ({reason})</source>
        <translation>{path}: 无法创建练习记录文件夹（{reason}）</translation>
    </message>
    <message>
        <source>a choreography needs a title</source>
        <translation>舞蹈需要一个名称</translation>
    </message>
    <message>
        <source>choreography {id} is not in the library (deleted?)</source>
        <translation>舞蹈 {id} 不在舞蹈库中（已删除？）</translation>
    </message>
    <message>
        <source>session {id} is not in the history (deleted?)</source>
        <translation>练习 {id} 不在历史记录中（已删除？）</translation>
    </message>
    <message>
        <source>{path}: the database is damaged and cannot be moved aside ({reason})</source>
        <extracomment>Rowids probed past the highest one known, in case the rows past a bad page are readable.</extracomment>
        <translation>{path}: 数据库已损坏，且无法移到一旁（{reason}）</translation>
    </message>
    <message>
        <source>Your history was damaged: {kept} entries were saved into a fresh one ({lost} could not be read), and the damaged file was kept as {backup}.</source>
        <translation>你的历史记录已损坏：{kept} 条记录已存入新的历史记录（{lost} 条无法读取），损坏的文件已保留为 {backup}。</translation>
    </message>
    <message>
        <source>Your history was damaged: {kept} entries were saved into a fresh one, and the damaged file was kept as {backup}.</source>
        <translation>你的历史记录已损坏：{kept} 条记录已存入新的历史记录，损坏的文件已保留为 {backup}。</translation>
    </message>
</context>
<context>
    <name>DesktopEntry</name>
    <message>
        <source>cannot name {argument} in a desktop entry: it holds a control character</source>
        <extracomment>Characters that make an Exec argument need quoting (the Desktop Entry spec, &quot;The Exec key&quot;).</extracomment>
        <translation>无法在桌面启动项中使用 {argument}：其中含有控制字符</translation>
    </message>
    <message>
        <source>{path} is not an executable: install DanceLike first (make setup)</source>
        <translation>{path} 不是可执行文件：请先安装 DanceLike（make setup）</translation>
    </message>
    <message>
        <source>DanceLike in the applications menu (this user only).</source>
        <translation>把 DanceLike 加入应用程序菜单（仅当前用户）。</translation>
    </message>
    <message>
        <source>the dancelike executable the entry starts (default: the one beside this Python)</source>
        <translation>启动项要运行的 dancelike 可执行文件（默认：与当前 Python 同目录的那个）</translation>
    </message>
    <message>
        <source>default: $XDG_DATA_HOME or ~/.local/share</source>
        <translation>默认：$XDG_DATA_HOME 或 ~/.local/share</translation>
    </message>
    <message>
        <source>installed DanceLike in the applications menu (Exec: {path} app):</source>
        <translation>已将 DanceLike 加入应用程序菜单（Exec: {path} app）：</translation>
    </message>
    <message>
        <source>removed DanceLike from the applications menu:</source>
        <translation>已从应用程序菜单移除 DanceLike：</translation>
    </message>
    <message>
        <source>nothing to remove: DanceLike is not installed in {path}</source>
        <translation>无需移除：DanceLike 没有安装在 {path}</translation>
    </message>
    <message>
        <source>ran {command}</source>
        <translation>已运行 {command}</translation>
    </message>
</context>
<context>
    <name>Files</name>
    <message>
        <source>{path}: is a folder; give a file name to write</source>
        <translation>{path}: 是文件夹；请给出要写入的文件名</translation>
    </message>
    <message>
        <source>{path}: cannot write here ({reason})</source>
        <translation>{path}: 无法在此写入（{reason}）</translation>
    </message>
    <message>
        <source>disk full while writing {path}</source>
        <translation>写入 {path} 时磁盘已满</translation>
    </message>
    <message>
        <source>{path}: part of the folder path is a file, not a folder</source>
        <translation>{path}: 文件夹路径中有一部分是文件，而不是文件夹</translation>
    </message>
    <message>
        <source>{path}: cannot create its folder ({reason})</source>
        <translation>{path}: 无法创建所在的文件夹（{reason}）</translation>
    </message>
    <message>
        <source>{path}: cannot find a free temporary name beside it</source>
        <translation>{path}: 在旁边找不到可用的临时文件名</translation>
    </message>
    <message>
        <source>{path}: cannot write it ({reason})</source>
        <translation>{path}: 无法写入（{reason}）</translation>
    </message>
    <message>
        <source>{path}: writing failed ({reason})</source>
        <translation>{path}: 写入失败（{reason}）</translation>
    </message>
    <message>
        <source>{path}: cannot write the image ({reason})</source>
        <translation>{path}: 无法写入图片（{reason}）</translation>
    </message>
    <message>
        <source>{path}: cannot write the image</source>
        <translation>{path}: 无法写入图片</translation>
    </message>
</context>
<context>
    <name>Models</name>
    <message>
        <source>restore it with: python scripts/fetch_models.py (or reinstall dancelike)</source>
        <translation>恢复方法：python scripts/fetch_models.py（或重新安装 dancelike）</translation>
    </message>
    <message>
        <source>model file missing: {path}; {hint}</source>
        <translation>缺少模型文件：{path}；{hint}</translation>
    </message>
    <message>
        <source>model file altered: {path} has SHA-256 {actual}..., expected {expected}...; {hint}</source>
        <translation>模型文件已被改动：{path} 的 SHA-256 为 {actual}...，应为 {expected}...；{hint}</translation>
    </message>
    <message>
        <source>install the LiteRT runtime: pip install ai-edge-litert</source>
        <translation>请安装 LiteRT 运行库：pip install ai-edge-litert</translation>
    </message>
    <message>
        <source>no TensorFlow Lite runtime could be imported ({reasons}); {hint}</source>
        <translation>无法导入任何 TensorFlow Lite 运行库（{reasons}）；{hint}</translation>
    </message>
</context>
<context>
    <name>Overlay</name>
    <message>
        <source>no dancer found</source>
        <extracomment>Landmarks drawn only when at least this visible (MediaPipe&apos;s drawing default). The notes drawn where nobody was found (translated when the picture painter can draw any script).</extracomment>
        <translation>没有找到舞者</translation>
    </message>
    <message>
        <source>nobody found</source>
        <translation>没有找到人</translation>
    </message>
</context>
<context>
    <name>Playback</name>
    <message>
        <source>{path}: playback failed ({error})</source>
        <translation>{path}: 播放失败（{error}）</translation>
    </message>
</context>
<context>
    <name>Progress</name>
    <message>
        <source>about {seconds} s left</source>
        <extracomment>The colour of a body part that is not judged (out of view in one of the videos).</extracomment>
        <translation>大约还剩 {seconds} 秒</translation>
    </message>
</context>
<context>
    <name>Recorder</name>
    <message>
        <source>{path}: cannot write the recording here ({reason})</source>
        <extracomment>Audio is written only up to the video&apos;s time; when none has arrived for a stretch this much older than the newest frame, that stretch is filled with silence so the tracks interleave. FFmpeg&apos;s AAC encoder delays its output by 1024 samples (priming): packets start 1024 samples before the first frame&apos;s pts. Negative times make the MP4 muxer shift the whole file, and in fragmented MP4 that shift skews the video (measured: every frame after the first moved by 21 ms). So the audio track starts at sample 1024: its first 21 ms are silent instead. x264 preset. Measured here (recorder fed at 30 fps, camera-like grainy frames, one encoder thread; &quot;loaded&quot; = two processes keeping both cores busy, as the pose models do): 640x480 ultrafast 2.0 ms/frame (loaded 1.9), superfast 5.2 (21), veryfast 5.7 (22) 1280x720 ultrafast 4.7 ms/frame (loaded 16.7), superfast 12.4 (63: 30 of 180 frames dropped), veryfast 15.2 (79: 42 dropped) Only ultrafast keeps 720p at 30 fps with margin while the models run, and every CPU millisecond spent here is taken from them. The price is a larger file (~2 Mbit/s at 720p). The largest picture a camera is recorded at (long side x short side). The replay and the snapshots show the recording at most 540 high, and a 720p frame costs the encoder 2.5 ms against 1.0 ms at 960x540 (scaling the planes: 0.6 ms), CPU the pose model runs short of on a laptop. A smaller camera is recorded as it is.</extracomment>
        <translation>{path}: 无法在此保存录像（{reason}）</translation>
    </message>
    <message>
        <source>{path}: recording failed after {frames} frames ({reason})</source>
        <translation>{path}: 录制 {frames} 帧后失败（{reason}）</translation>
    </message>
    <message>
        <source>{path}: the disk is full (recording stopped at {seconds} s, what was written is kept)</source>
        <translation>{path}: 磁盘已满（录制停在 {seconds} s，已录下的内容会保留）</translation>
    </message>
    <message>
        <source>{path}: writing the recording failed: {reason} (recording stopped at {seconds} s, what was written is kept)</source>
        <translation>{path}: 保存录像失败：{reason}（录制停在 {seconds} s，已录下的内容会保留）</translation>
    </message>
</context>
<context>
    <name>Replay</name>
    <message>
        <source>PRO</source>
        <extracomment>Frames a second a replay is made at, at most (a 60 fps reference&apos;s replay has every other frame). The words drawn into the replay (translated when the picture painter can draw any script).</extracomment>
        <translation>老师</translation>
    </message>
    <message>
        <source>YOU (re-timed)</source>
        <translation>你（已对齐节奏）</translation>
    </message>
    <message>
        <source>score {score}</source>
        <translation>得分 {score}</translation>
    </message>
    <message>
        <source>now {score}</source>
        <translation>当前 {score}</translation>
    </message>
</context>
<context>
    <name>Resources</name>
    <message>
        <source>asset file missing: {path}; reinstall dancelike (pip install .)</source>
        <extracomment>The icon&apos;s name in the desktop entry and the icon theme (``Icon=dancelike``). The sizes the icon is rendered at: assets/dancelike-&lt;N&gt;.png (scripts/render_icons.py). The freedesktop desktop entry (a template: ``make install`` points its Exec at the venv). The theme&apos;s combo-box chevron.</extracomment>
        <translation>缺少资源文件：{path}；请重新安装 dancelike（pip install .）</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>Practice session in {takes} takes: {seconds} s of the dance were judged, each part on the last time you danced it.</source>
        <translation>分 {takes} 次完成的练习：共评判了舞蹈中的 {seconds} s，每一段按你最后一次跳的来评。</translation>
    </message>
    <message>
        <source>{stage} failed: {error}: {message}</source>
        <translation>{stage} 出错：{error}：{message}</translation>
    </message>
    <message>
        <source>{path}: playback failed</source>
        <extracomment>A camera that ends this close (seconds) to the reference&apos;s end ended with the dance, not early. After the reference&apos;s last frame, capture goes on this long so a late dancer finishes the move. How long the analysers may take to load their models before the session fails. A looped move jumps back this early (seconds) so its last beat is not cut by the watch&apos;s 20 Hz. How long interpreter exit waits, in all, for running sessions to finish cancelling. Started sessions, so interpreter exit can stop the ones still running (``_stop_at_exit``).</extracomment>
        <translation>{path}: 播放失败</translation>
    </message>
    <message>
        <source>camera lost: {reason}</source>
        <translation>摄像头断开：{reason}</translation>
    </message>
    <message>
        <source>the dance ended</source>
        <translation>舞蹈结束了</translation>
    </message>
    <message>
        <source>cancelled</source>
        <extracomment>the reference&apos;s dancer followed and how many it has (None: analysed live, one dancer)</extracomment>
        <translation>已取消</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>too little was danced to make a report</source>
        <translation>跳得太少，无法生成报告</translation>
    </message>
</context>
<context>
    <name>Snapshots</name>
    <message>
        <source>PRO</source>
        <extracomment>Height in pixels of each half of a snapshot. The captions (translated when the picture painter can draw any script).</extracomment>
        <translation>老师</translation>
    </message>
    <message>
        <source>YOU</source>
        <translation>你</translation>
    </message>
</context>
<context>
    <name>Synth</name>
    <message>
        <source>nothing to render: duration {seconds} s</source>
        <translation>没有可渲染的内容：时长 {seconds} s</translation>
    </message>
    <message>
        <source>{width}x{height}: synthetic videos need an even width and height</source>
        <translation>{width}x{height}: 合成视频的宽和高都必须是偶数</translation>
    </message>
</context>
<context>
    <name>SynthCameras</name>
    <message>
        <source>claps:{arg}: give the clapper&apos;s delay in seconds (claps:0.12) or claps:nobody</source>
        <extracomment>The &quot;claps&quot; camera&apos;s delay (seconds): a typical webcam plus a sound card.</extracomment>
        <translation>claps:{arg}: 请给出拍手者的延迟秒数（claps:0.12）或 claps:nobody</translation>
    </message>
    <message>
        <source>claps:{arg}: the clapper&apos;s delay must be between -0.3 and 1.0 seconds</source>
        <translation>claps:{arg}: 拍手者的延迟必须在 -0.3 到 1.0 秒之间</translation>
    </message>
    <message>
        <source>demo:{name}: no such demo performer; try {choices}</source>
        <extracomment>The performers of ``dancelike demo`` (commands/demo.py; synth does not import commands).</extracomment>
        <translation>demo:{name}: 没有这个演示舞者；可以试试 {choices}</translation>
    </message>
    <message>
        <source>pair:{name}: no such scene; try {choices}</source>
        <extracomment>When the passer-by crosses the room, and when the dancer of ``gap`` is out of the picture. The figures of each variant, drawn in this order (the first is the furthest back).</extracomment>
        <translation>pair:{name}: 没有这个场景；可以试试 {choices}</translation>
    </message>
</context>
<context>
    <name>SystemCheck</name>
    <message>
        <source>installing the system libraries Qt needs ({packages}): {command}</source>
        <translation>正在安装 Qt 需要的系统库（{packages}）：{command}</translation>
    </message>
    <message>
        <source>system libraries: ok</source>
        <translation>系统库：正常</translation>
    </message>
    <message>
        <source>missing system libraries for Qt; install them with: {command}</source>
        <translation>缺少 Qt 需要的系统库；请用以下命令安装：{command}</translation>
    </message>
</context>
<context>
    <name>Video</name>
    <message>
        <source>{path}: no such file</source>
        <extracomment>Codec threads for decoding. Measured on 2 cores (pose_squats.mp4, 720x1280, decode plus rgb24 conversion): 1 thread 1.8 ms/frame, frame threading 1.5 ms/frame; with both cores busy, 10.5 vs 6.5-7.3 ms/frame, where the gain is CPU taken from model inference. Decoding is under a tenth of the per-frame work, so one thread is enough. A video that decodes cleanly but yields fewer than this share of its declared frames is reported as truncated (containers round their frame counts, so not 100%).</extracomment>
        <translation>{path}: 文件不存在</translation>
    </message>
    <message>
        <source>{path}: is a folder, not a file</source>
        <translation>{path}: 是文件夹，不是文件</translation>
    </message>
    <message>
        <source>{path}: not a regular file; give a video or image file</source>
        <translation>{path}: 不是普通文件；请选择视频或图片文件</translation>
    </message>
    <message>
        <source>{path}: the file is empty (0 bytes)</source>
        <translation>{path}: 文件是空的（0 字节）</translation>
    </message>
    <message>
        <source>{path}: not a readable image (corrupt or unsupported format)</source>
        <translation>{path}: 无法读取的图片（已损坏或格式不支持）</translation>
    </message>
    <message>
        <source>{path}: is {bits}-bit; save it as an 8-bit image</source>
        <translation>{path}: 是 {bits} 位图片；请另存为 8 位图片</translation>
    </message>
    <message>
        <source>{path}: has 4 channels (RGBA); save it as an RGB image</source>
        <translation>{path}: 有 4 个通道（RGBA）；请另存为 RGB 图片</translation>
    </message>
    <message>
        <source>{path}: has {channels} channels; save it as an RGB image</source>
        <translation>{path}: 有 {channels} 个通道；请另存为 RGB 图片</translation>
    </message>
    <message>
        <source>{path}: cannot read the file (permission denied)</source>
        <translation>{path}: 无法读取文件（没有权限）</translation>
    </message>
    <message>
        <source>{path}: video is truncated (the file ends too early)</source>
        <translation>{path}: 视频不完整（文件提前结束）</translation>
    </message>
    <message>
        <source>{path}: video is truncated or corrupt (its index is missing)</source>
        <translation>{path}: 视频不完整或已损坏（缺少索引）</translation>
    </message>
    <message>
        <source>{path}: not a video file (or one in a format FFmpeg cannot read)</source>
        <translation>{path}: 不是视频文件（或是 FFmpeg 无法读取的格式）</translation>
    </message>
    <message>
        <source>{path}: has no video stream</source>
        <translation>{path}: 没有视频画面</translation>
    </message>
    <message>
        <source>{path}: has no video frames</source>
        <translation>{path}: 没有任何视频帧</translation>
    </message>
    <message>
        <source>{path}: video is truncated or corrupt after {frames} frames</source>
        <translation>{path}: 视频在 {frames} 帧之后不完整或已损坏</translation>
    </message>
    <message>
        <source>{path}: video is truncated: {decoded} of {declared} frames could be decoded</source>
        <translation>{path}: 视频不完整：{declared} 帧中只有 {decoded} 帧能解码</translation>
    </message>
</context>
</TS>
