<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Analyze</name>
    <message>
        <source>{name}: {frames} frames, {width}x{height} at {fps} fps; dancer found in {found} of {frames}</source>
        <translation>{name}：{frames} 帧，{width}x{height}，{fps} fps；{found}/{frames} 帧找到了舞者</translation>
    </message>
    <message>
        <source>{name}: {frames} frames, {width}x{height} at {fps} fps; dancer found in {found} of {frames} ({share}%)</source>
        <translation>{name}：{frames} 帧，{width}x{height}，{fps} fps；{found}/{frames} 帧找到了舞者（{share}%）</translation>
    </message>
    <message>
        <source>{name}: image {width}x{height}; dancer found in {found} of {frames} ({share}%)</source>
        <translation>{name}：图片 {width}x{height}；{found}/{frames} 张找到了舞者（{share}%）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>{dancer} in view {seconds} s</source>
        <translation>{dancer} 号在画面中 {seconds} s</translation>
    </message>
    <message>
        <source>{name}: {frames} frames, {width}x{height} at {fps} fps; {count} (numbered from the left): {seen}; followed by default: dancer {followed}</source>
        <translation>{name}：{frames} 帧，{width}x{height}，{fps} fps；{count}（从左往右编号）：{seen}；默认跟随：{followed} 号舞者</translation>
    </message>
    <message>
        <source>{path}: an image&apos;s overlay is an image; use a .png or .jpg name</source>
        <translation>{path}：图片的叠加图也是图片，请用 .png 或 .jpg 文件名</translation>
    </message>
    <message>
        <source>--mask needs an image input; use --overlay for a video</source>
        <translation>--mask 需要输入图片；视频请用 --overlay</translation>
    </message>
    <message>
        <source>{path}: a video&apos;s overlay is an MP4 video; use a .mp4 name</source>
        <translation>{path}：视频的叠加图是 MP4 视频，请用 .mp4 文件名</translation>
    </message>
    <message>
        <source>{path}: nobody was found in it</source>
        <translation>{path}：里面没有找到任何人</translation>
    </message>
    <message>
        <source>--all-dancers and --dancer need a video input</source>
        <translation>--all-dancers 和 --dancer 需要输入视频</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>no display to open the window on: run it in a desktop session (or under xvfb-run)</source>
        <translation>没有可以打开窗口的显示器：请在桌面会话中运行（或使用 xvfb-run）</translation>
    </message>
    <message>
        <source>Qt needs system libraries that are missing; install them with: {command}</source>
        <translation>Qt 缺少所需的系统库，请这样安装：{command}</translation>
    </message>
    <message>
        <source>PySide6 6.12.0 crashes on Python 3.11; install another with: {command}</source>
        <translation>PySide6 6.12.0 在 Python 3.11 上会崩溃，请换个版本安装：{command}</translation>
    </message>
</context>
<context>
    <name>Argparse</name>
    <message>
        <source>usage: </source>
        <extracomment>argparse&apos;s own words (it asks gettext for them), in our catalogue: &quot;usage: &quot;, &quot;options&quot;, ...</extracomment>
        <translation>用法：</translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation>位置参数</translation>
    </message>
    <message>
        <source>options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation>显示这份帮助并退出</translation>
    </message>
    <message>
        <source>argument %(argument_name)s: %(message)s</source>
        <translation>参数 %(argument_name)s：%(message)s</translation>
    </message>
    <message>
        <source>the following arguments are required: %s</source>
        <translation>缺少必需的参数：%s</translation>
    </message>
    <message>
        <source>unrecognized arguments: %s</source>
        <translation>无法识别的参数：%s</translation>
    </message>
    <message>
        <source>invalid choice: %(value)r (choose from %(choices)s)</source>
        <translation>无效的选择：%(value)r（可选：%(choices)s）</translation>
    </message>
    <message>
        <source>invalid %(type)s value: %(value)r</source>
        <translation>无效的 %(type)s 值：%(value)r</translation>
    </message>
    <message>
        <source>expected one argument</source>
        <translation>需要一个值</translation>
    </message>
    <message>
        <source>expected at most one argument</source>
        <translation>最多需要一个值</translation>
    </message>
    <message>
        <source>expected at least one argument</source>
        <translation>至少需要一个值</translation>
    </message>
    <message>
        <source>ambiguous option: %(option)s could match %(matches)s</source>
        <translation>选项不明确：%(option)s 可能是 %(matches)s</translation>
    </message>
    <message>
        <source>unknown parser %(parser_name)r (choices: %(choices)s)</source>
        <translation>未知的子命令 %(parser_name)r（可选：%(choices)s）</translation>
    </message>
    <message>
        <source>not allowed with argument %s</source>
        <translation>不能和参数 %s 一起使用</translation>
    </message>
    <message>
        <source>one of the arguments %s is required</source>
        <translation>需要参数 %s 中的一个</translation>
    </message>
    <message>
        <source>ignored explicit argument %r</source>
        <translation>忽略了多余的参数值 %r</translation>
    </message>
    <message>
        <source>can&apos;t open &apos;%(filename)s&apos;: %(error)s</source>
        <translation>无法打开“%(filename)s”：%(error)s</translation>
    </message>
</context>
<context>
    <name>Batch</name>
    <message>
        <source>{video} (dancer {dancer})</source>
        <translation>{video}（{dancer} 号舞者）</translation>
    </message>
    <message>
        <source>not this dance</source>
        <translation>不是这支舞</translation>
    </message>
    <message>
        <source>practise {move}</source>
        <translation>多练 {move}</translation>
    </message>
    <message>
        <source>… and {count} more in {page}</source>
        <translation>……还有 {count} 位，见 {page}</translation>
    </message>
    <message>
        <source>Scored {scored} of {rows} ({kept} kept from before) in {seconds} s; the reference analysed {analyses}x</source>
        <translation>已评分 {scored}/{rows}（其中 {kept} 个沿用之前的结果），用时 {seconds} s；示范视频分析了 {analyses} 次</translation>
    </message>
    <message>
        <source>Scored {scored} of {rows} in {seconds} s; the reference analysed {analyses}x</source>
        <translation>已评分 {scored}/{rows}，用时 {seconds} s；示范视频分析了 {analyses} 次</translation>
    </message>
    <message>
        <source>Class page: {page}   table: {table}</source>
        <translation>班级页面：{page}   表格：{table}</translation>
    </message>
    <message>
        <source>Note: {note}</source>
        <translation>提示：{note}</translation>
    </message>
    <message>
        <source>{path}: no such file (the reference dance video)</source>
        <translation>{path}：文件不存在（示范舞蹈视频）</translation>
    </message>
    <message>
        <source>Could not score {count}:</source>
        <translation>有 {count} 个无法评分：</translation>
    </message>
    <message>
        <source>--ray needs the cluster extra: pip install &apos;dancelike[cluster]&apos;</source>
        <extracomment>The one line a user without the cluster extra sees.</extracomment>
        <translation>--ray 需要安装集群扩展：pip install &apos;dancelike[cluster]&apos;</translation>
    </message>
    <message>
        <source>--ray {address}: give the cluster head&apos;s HOST:PORT (e.g. 192.168.1.10:6379) or local</source>
        <translation>--ray {address}：请给出集群主节点的 HOST:PORT（例如 192.168.1.10:6379），或 local</translation>
    </message>
    <message>
        <source>--ray {address}: no Ray cluster answers there ({reason}); start one with &apos;ray start --head&apos;</source>
        <extracomment>How long the cluster&apos;s head may take to answer before ``--ray HOST:PORT`` gives up (Ray itself retries an unreachable head for minutes, printing a log line every few seconds). Tasks queued beyond the running ones, per worker: a worker that finishes finds its next clip already shipped, while the driver holds only a few clips&apos; bytes at a time. The temporary folders of Ray tasks are ``worker_folder_prefix(f&quot;{TASK_FOLDERS}-&lt;engine&gt;&quot;)``. Ray&apos;s setting of its workers&apos; niceness (``ray_constants.RAY_WORKER_NICENESS``), read by the processes a local engine starts. What earlier versions named them (no process in the name): removed when this old, as no task takes an hour. How long a local engine&apos;s close waits for its killed workers&apos; copies of clips to be removable.</extracomment>
        <translation>--ray {address}：那里没有 Ray 集群响应（{reason}）；可用 &apos;ray start --head&apos; 启动一个</translation>
    </message>
    <message>
        <source>{path}: no videos in this folder</source>
        <extracomment>What a folder&apos;s videos are recognised by.</extracomment>
        <translation>{path}：这个文件夹里没有视频</translation>
    </message>
    <message>
        <source>{path}: no file matches</source>
        <translation>{path}：没有匹配的文件</translation>
    </message>
    <message>
        <source>give at least one performance: a video, a folder of videos or a pattern</source>
        <translation>请至少给出一个表演：一个视频、一个视频文件夹或一个匹配模式</translation>
    </message>
    <message>
        <source>{path}: is a file; --out names a folder for the results</source>
        <translation>{path}：这是一个文件；--out 应该是存放结果的文件夹</translation>
    </message>
    <message>
        <source>{path}: is an input; give the results a folder of their own</source>
        <translation>{path}：这是输入文件；请给结果单独一个文件夹</translation>
    </message>
    <message>
        <source>{path}: cannot create the results folder ({reason})</source>
        <translation>{path}：无法创建结果文件夹（{reason}）</translation>
    </message>
    <message>
        <source>the only performance given is the reference itself: give the dancers&apos; videos</source>
        <translation>给出的唯一表演就是示范视频本身：请给出舞者们的视频</translation>
    </message>
    <message>
        <source>{name}: no replay (replays are made on this computer&apos;s engine only)</source>
        <translation>{name}：没有回放（回放只能在本机引擎上生成）</translation>
    </message>
    <message>
        <source>{name}: no replay ({reason})</source>
        <translation>{name}：没有回放（{reason}）</translation>
    </message>
</context>
<context>
    <name>Bench</name>
    <message>
        <source>no VIDEO given and no golden clip at {path}</source>
        <extracomment>The benchmark pair: a long version of the demo choreography and a good copy of it.</extracomment>
        <translation>没有给出 VIDEO，{path} 也没有标准片段</translation>
    </message>
    <message>
        <source>--repeat must be at least 1</source>
        <translation>--repeat 至少为 1</translation>
    </message>
    <message>
        <source>--clips must be at least 2</source>
        <extracomment>The engines compared: (label, --ray, workers). How each generated student dances: lateness, sloppiness, a mirror copy, a rush.</extracomment>
        <translation>--clips 至少为 2</translation>
    </message>
    <message>
        <source>the Ray run needs the cluster extra: pip install &apos;dancelike[cluster]&apos; (or --no-ray)</source>
        <translation>Ray 测试需要安装集群扩展：pip install &apos;dancelike[cluster]&apos;（或使用 --no-ray）</translation>
    </message>
    <message>
        <source>--players must be 1 or 2, not {players}</source>
        <extracomment>Capacity runs use at most this many seconds of frames: enough for a stable rate. What changes with real-world sizes (``--hd``) and with an imported reference (``--cached``). The process&apos;s CPU against the landmark model&apos;s bare cost at the session&apos;s rate (``model_floor``), with the reference cached: 640x480, and ``--hd``. Two players: each player&apos;s own figures are held to these. Model runs in each floor measurement (before and after the session, bare and paced). With 30 the median of one measurement moved by up to 12% from one to the next on a shared host (12.8 to 14.4 ms within a minute), with 100 by 5%: the ratio is only as steady as its floor. Real-world sizes: a YouTube-style reference and a 720p webcam.</extracomment>
        <translation>--players 只能是 1 或 2，不能是 {players}</translation>
    </message>
    <message>
        <source>{path}: is an image; the waits are measured on a video</source>
        <extracomment>The bars, as ``bench live`` states them: (operator, limit). Length of the generated clips (seconds).</extracomment>
        <translation>{path}：这是一张图片；等待时间要用视频来测量</translation>
    </message>
</context>
<context>
    <name>Claps</name>
    <message>
        <source>Nobody seen: stand back so your head, shoulders and hands are in view, then try again.</source>
        <extracomment>Between two claps the wrists must part by at least this much (shoulder widths) more than the clap&apos;s minimum; smaller wobbles while the hands are together are not new claps. Tracking gaps longer than this (seconds) break a clap in two halves nobody can trust. Claps needed out of the beats for a result. Largest acceptable spread (median absolute deviation of clap - beat), seconds. Where the pairing window sits, as a fraction of a beat: physical delays are positive, so a clap may come up to 3/4 of a beat late but only 1/4 early (Bluetooth audio plus a slow webcam can add 0.4 s, which a window of +-1/2 beat at 100 bpm would mistake for early claps).</extracomment>
        <translation>没看到人：往后站一点，让头、肩膀和双手都在画面里，再试一次。</translation>
    </message>
    <message>
        <source>No claps seen: stand so your hands are in view and clap on each of the {total} beats.</source>
        <translation>没看到拍手：站到双手在画面里的位置，跟着 {total} 个节拍每拍拍一下手。</translation>
    </message>
    <message>
        <source>Only 1 clap seen: stand so your hands are in view and clap on each beat.</source>
        <translation>只看到 1 次拍手：站到双手在画面里的位置，每拍都拍一下手。</translation>
    </message>
    <message>
        <source>Only {count} claps seen: stand so your hands are in view and clap on each beat.</source>
        <translation>只看到 {count} 次拍手：站到双手在画面里的位置，每拍都拍一下手。</translation>
    </message>
    <message>
        <source>Your claps were uneven (±{spread} ms): clap sharply, right on each click, and try again.</source>
        <translation>你的拍手不太均匀（±{spread} ms）：干脆地拍，正好踩在每一声咔嗒上，再试一次。</translation>
    </message>
    <message>
        <source>Your setup adds {seconds} s; we&apos;ll subtract it.</source>
        <translation>你的设备有 {seconds} s 的延迟，我们会把它扣掉。</translation>
    </message>
    <message>
        <source>You clapped {seconds} s ahead of the beat; we&apos;ll allow for it.</source>
        <translation>你比节拍早拍了 {seconds} s，我们会把它考虑进去。</translation>
    </message>
    <message>
        <source>Your setup adds no noticeable delay.</source>
        <translation>你的设备没有明显的延迟。</translation>
    </message>
</context>
<context>
    <name>ClassPage</name>
    <message>
        <source>Performance</source>
        <extracomment>The CSV&apos;s columns; &quot;json&quot; is the row&apos;s report, relative to the folder (how --resume finds it).</extracomment>
        <translation>表演</translation>
    </message>
    <message>
        <source>Dancer</source>
        <translation>舞者</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>姿势</translation>
    </message>
    <message>
        <source>Timing</source>
        <translation>节奏</translation>
    </message>
    <message>
        <source>Move to practise / error</source>
        <translation>要练的动作 / 错误</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>{scored} scored, {failed} could not be scored. Click a heading to sort.</source>
        <translation>已评分 {scored} 个，{failed} 个无法评分。点击表头可排序。</translation>
    </message>
    <message>
        <source>{scored} scored. Click a heading to sort.</source>
        <translation>已评分 {scored} 个。点击表头可排序。</translation>
    </message>
    <message>
        <source>Class results: {reference}</source>
        <translation>班级成绩：{reference}</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>Learn a dance from any video, on your own machine.</source>
        <extracomment>The subcommands&apos; parsers: each ``_add_*`` below adds one.</extracomment>
        <translation>跟着任何视频学跳舞，全部在你自己的电脑上完成。</translation>
    </message>
    <message>
        <source>To dance, open the desktop app: dancelike app</source>
        <translation>要跳舞，请打开桌面应用：dancelike app</translation>
    </message>
    <message>
        <source>show program&apos;s version number and exit</source>
        <translation>显示版本号并退出</translation>
    </message>
    <message>
        <source>commands</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>find the dancer&apos;s pose in a video or image</source>
        <translation>找出视频或图片中舞者的姿势</translation>
    </message>
    <message>
        <source>video file or image</source>
        <translation>视频文件或图片</translation>
    </message>
    <message>
        <source>write landmarks as JSON to PATH, or stdout with -</source>
        <translation>把关键点以 JSON 写入 PATH，用 - 则输出到标准输出</translation>
    </message>
    <message>
        <source>(image input) write the person mask as a 0/255 PNG</source>
        <translation>（输入为图片时）把人物蒙版写成 0/255 的 PNG</translation>
    </message>
    <message>
        <source>write the input with body parts and skeleton drawn (MP4 for video, image for image)</source>
        <translation>写出画上身体部位和骨架的输入（视频输出 MP4，图片输出图片）</translation>
    </message>
    <message>
        <source>(video) track every dancer: JSON with one track per dancer, overlay with each numbered</source>
        <translation>（视频）跟踪每一位舞者：JSON 中每位舞者一条轨迹，叠加图中逐一编号</translation>
    </message>
    <message>
        <source>(video) which dancer of a group video to follow: N (1 = the leftmost) or auto (default: the one most in view near the centre)</source>
        <translation>（视频）多人视频中跟随哪位舞者：N（1 = 最左边）或 auto（默认：最靠近中间、在画面中最久的那位）</translation>
    </message>
    <message>
        <source>score a performance against a reference dance video</source>
        <translation>对照示范舞蹈视频给一段表演评分</translation>
    </message>
    <message>
        <source>the choreography: the pro&apos;s dance video</source>
        <translation>舞蹈：老师的舞蹈视频</translation>
    </message>
    <message>
        <source>the dancer&apos;s video of the same dance</source>
        <translation>舞者跳同一支舞的视频</translation>
    </message>
    <message>
        <source>write the full report as JSON to PATH, or stdout with -</source>
        <translation>把完整报告以 JSON 写入 PATH，用 - 则输出到标准输出</translation>
    </message>
    <message>
        <source>write the side-by-side replay (H.264 + AAC)</source>
        <translation>写出左右对照的回放（H.264 + AAC）</translation>
    </message>
    <message>
        <source>was the video copied as in a mirror (default: decide from the evidence)</source>
        <translation>是否像照镜子那样跟跳（默认：根据动作自动判断）</translation>
    </message>
    <message>
        <source>analysis worker processes (default: one per core, at most 4)</source>
        <translation>用于分析的工作进程数（默认：每个核心一个，最多 4 个）</translation>
    </message>
    <message>
        <source>analyse the reference again even when its analysis is cached</source>
        <translation>即使示范视频已有缓存的分析，也重新分析</translation>
    </message>
    <message>
        <source>the reference&apos;s dancer of a group video to follow: N (1 = the leftmost) or auto (default: the one most in view near the centre)</source>
        <translation>多人示范视频中跟随哪位舞者：N（1 = 最左边）或 auto（默认：最靠近中间、在画面中最久的那位）</translation>
    </message>
    <message>
        <source>score a whole class: many performances against one dance, ranked in a class page</source>
        <translation>给整个班级评分：多段表演对照同一支舞，在班级页面中排名</translation>
    </message>
    <message>
        <source>the dancers&apos; videos: files, folders of videos, or patterns (class/*.mp4)</source>
        <translation>舞者们的视频：文件、视频文件夹或匹配模式（class/*.mp4）</translation>
    </message>
    <message>
        <source>folder for results.csv, index.html, reports/ and pictures/</source>
        <translation>存放 results.csv、index.html、reports/ 和 pictures/ 的文件夹</translation>
    </message>
    <message>
        <source>all: every dancer of a group video is a row of their own (default: one per video)</source>
        <translation>all：多人视频中每位舞者各占一行（默认：每个视频一行）</translation>
    </message>
    <message>
        <source>keep the rows already in DIR and score only the others</source>
        <translation>保留 DIR 中已有的结果，只给其余的评分</translation>
    </message>
    <message>
        <source>also write each side-by-side replay (replays/)</source>
        <translation>同时写出每段左右对照的回放（replays/）</translation>
    </message>
    <message>
        <source>run on a Ray cluster (HOST:PORT of its head) or a Ray started here (local)</source>
        <translation>在 Ray 集群上运行（主节点的 HOST:PORT），或在本机启动的 Ray 上运行（local）</translation>
    </message>
    <message>
        <source>analysis worker processes (default: one per core, at most 4); with --ray, clips analysed at once (default: the cluster&apos;s CPUs)</source>
        <translation>用于分析的工作进程数（默认：每个核心一个，最多 4 个）；使用 --ray 时为同时分析的视频数（默认：集群的 CPU 数）</translation>
    </message>
    <message>
        <source>write the demo choreography and two demo performances</source>
        <translation>写出演示舞蹈和两段演示表演</translation>
    </message>
    <message>
        <source>where to write them (default: the data folder&apos;s demo/)</source>
        <translation>写到哪里（默认：数据文件夹下的 demo/）</translation>
    </message>
    <message>
        <source>open the desktop app: your dances, dancing with the camera, your history</source>
        <translation>打开桌面应用：你的舞蹈、对着摄像头跳舞、你的历史记录</translation>
    </message>
    <message>
        <source>timed runs after one warm-up run (default 3)</source>
        <translation>预热一次之后计时的运行次数（默认 3）</translation>
    </message>
    <message>
        <source>camera: a video file, a device index or demo (default: a generated dancer)</source>
        <translation>摄像头：视频文件、设备编号或 demo（默认：生成的舞者）</translation>
    </message>
    <message>
        <source>skip the Ray run: only this computer&apos;s workers (for a machine without Ray)</source>
        <translation>跳过 Ray 的运行：只用本机的工作进程（适用于没有安装 Ray 的机器）</translation>
    </message>
    <message>
        <source>camera for this run: a device index, a video file, or demo</source>
        <translation>本次使用的摄像头：设备编号、视频文件或 demo</translation>
    </message>
    <message>
        <source>versions, CPU, models, folders, cameras and audio: one screen for a bug report</source>
        <translation>版本、CPU、模型、文件夹、摄像头和音频：一屏信息，方便报告问题</translation>
    </message>
    <message>
        <source>write it as JSON to PATH, or stdout (the default with no PATH)</source>
        <translation>以 JSON 写入 PATH，或输出到标准输出（不给 PATH 时的默认）</translation>
    </message>
    <message>
        <source>put DanceLike in your applications menu, with its icon (this user only)</source>
        <translation>把 DanceLike 连同图标加入应用菜单（仅当前用户）</translation>
    </message>
    <message>
        <source>take it out again</source>
        <translation>再从菜单中移除</translation>
    </message>
    <message>
        <source>benchmarks</source>
        <translation>性能测试</translation>
    </message>
    <message>
        <source>analysis speed on a clip: frames/s, stage timings, memory</source>
        <translation>片段的分析速度：帧/秒、各阶段耗时、内存</translation>
    </message>
    <message>
        <source>clip to analyse (default: the golden squats clip when present)</source>
        <translation>要分析的片段（默认：有标准深蹲片段时用它）</translation>
    </message>
    <message>
        <source>write the figures as JSON</source>
        <translation>把数据以 JSON 写出</translation>
    </message>
    <message>
        <source>track every person (as an import does)</source>
        <translation>跟踪每一个人（和导入时一样）</translation>
    </message>
    <message>
        <source>scoring speed on a 60 s pair, cached and uncached; DTW beside fastdtw</source>
        <translation>60 s 视频对的评分速度，有缓存和无缓存；DTW 与 fastdtw 对比</translation>
    </message>
    <message>
        <source>length of the generated pair (default 60)</source>
        <translation>生成的视频对时长（默认 60）</translation>
    </message>
    <message>
        <source>a live session, headless: throughput, latency, drops, CPU per stage</source>
        <translation>无界面的实时练习：吞吐量、延迟、丢帧、各阶段 CPU</translation>
    </message>
    <message>
        <source>length of the session (default 30)</source>
        <translation>练习时长（默认 30）</translation>
    </message>
    <message>
        <source>reference video (default: the generated choreography)</source>
        <translation>示范视频（默认：生成的舞蹈）</translation>
    </message>
    <message>
        <source>real-world sizes: a 1920x1080 60 fps reference and a 1280x720 camera</source>
        <translation>真实尺寸：1920x1080 60 fps 的示范视频和 1280x720 的摄像头</translation>
    </message>
    <message>
        <source>the reference&apos;s analysis cached first (as for an imported dance)</source>
        <translation>先缓存示范视频的分析（和导入的舞蹈一样）</translation>
    </message>
    <message>
        <source>people dancing side by side, each scored (1 or 2; default 1)</source>
        <translation>并排跳舞、分别评分的人数（1 或 2；默认 1）</translation>
    </message>
    <message>
        <source>a generated class scored on 1 and 2 local workers and a local Ray: performances/min, memory</source>
        <translation>在 1 个、2 个本地工作进程和本地 Ray 上给生成的班级评分：表演数/分钟、内存</translation>
    </message>
    <message>
        <source>generated performances (default 8: 4 per worker)</source>
        <translation>生成的表演数（默认 8：每个工作进程 4 个）</translation>
    </message>
    <message>
        <source>length of each (default 6)</source>
        <translation>每段时长（默认 6）</translation>
    </message>
    <message>
        <source>the waits: importing a 15-s clip, its analysis rate, the replay after a dance</source>
        <translation>等待时间：导入一段 15 秒的视频、导入时的分析速度、跳舞后的回放</translation>
    </message>
    <message>
        <source>clip to import (default: a generated 15-s dance)</source>
        <translation>要导入的视频（默认：生成的一段 15 秒舞蹈）</translation>
    </message>
    <message>
        <source>real-world sizes: a 1920x1080 60 fps dance and a 1280x720 camera</source>
        <translation>真实尺寸：1920x1080、60 帧/秒的舞蹈视频和 1280x720 的摄像头</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>disk full while writing {file}</source>
        <translation>写入 {file} 时磁盘已满</translation>
    </message>
    <message>
        <source>disk full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>{error}: {message} (DANCELIKE_DEBUG=1 shows details)</source>
        <translation>{error}：{message}（设置 DANCELIKE_DEBUG=1 可查看详情）</translation>
    </message>
</context>
<context>
    <name>Coaching</name>
    <message>
        <source>Left arm higher</source>
        <extracomment>A hand or foot this far off (torso lengths: about 10 cm on an adult) is worth a word. An elbow or knee bent this much more or less (degrees) is worth a word. A lean or head angle this far off (degrees) is worth a word. The difference must point the same way in at least this share of the key frames. The share of a move&apos;s frames (the part furthest off first) that are its key frames. (root joint, middle joint, end joint, sign of &quot;outwards&quot; along the shoulder or hip line) Every piece of advice, one whole sentence per (part, direction): word order differs between languages (&quot;左臂抬高一些&quot;), so a sentence is never glued from a part&apos;s name and a direction.</extracomment>
        <translation>左臂再抬高一些</translation>
    </message>
    <message>
        <source>Left arm lower</source>
        <translation>左臂再放低一些</translation>
    </message>
    <message>
        <source>Left arm further out</source>
        <translation>左臂再往外伸一些</translation>
    </message>
    <message>
        <source>Left arm closer in</source>
        <translation>左臂再往里收一些</translation>
    </message>
    <message>
        <source>Left arm straighter</source>
        <translation>左臂再伸直一些</translation>
    </message>
    <message>
        <source>Bend your left elbow more</source>
        <translation>左肘再弯一些</translation>
    </message>
    <message>
        <source>Right arm higher</source>
        <translation>右臂再抬高一些</translation>
    </message>
    <message>
        <source>Right arm lower</source>
        <translation>右臂再放低一些</translation>
    </message>
    <message>
        <source>Right arm further out</source>
        <translation>右臂再往外伸一些</translation>
    </message>
    <message>
        <source>Right arm closer in</source>
        <translation>右臂再往里收一些</translation>
    </message>
    <message>
        <source>Right arm straighter</source>
        <translation>右臂再伸直一些</translation>
    </message>
    <message>
        <source>Bend your right elbow more</source>
        <translation>右肘再弯一些</translation>
    </message>
    <message>
        <source>Left leg higher</source>
        <translation>左腿再抬高一些</translation>
    </message>
    <message>
        <source>Left leg lower</source>
        <translation>左腿再放低一些</translation>
    </message>
    <message>
        <source>Left leg wider</source>
        <translation>左腿再打开一些</translation>
    </message>
    <message>
        <source>Left leg narrower</source>
        <translation>左腿再收拢一些</translation>
    </message>
    <message>
        <source>Left leg straighter</source>
        <translation>左腿再伸直一些</translation>
    </message>
    <message>
        <source>Bend your left knee more</source>
        <translation>左膝再弯一些</translation>
    </message>
    <message>
        <source>Right leg higher</source>
        <translation>右腿再抬高一些</translation>
    </message>
    <message>
        <source>Right leg lower</source>
        <translation>右腿再放低一些</translation>
    </message>
    <message>
        <source>Right leg wider</source>
        <translation>右腿再打开一些</translation>
    </message>
    <message>
        <source>Right leg narrower</source>
        <translation>右腿再收拢一些</translation>
    </message>
    <message>
        <source>Right leg straighter</source>
        <translation>右腿再伸直一些</translation>
    </message>
    <message>
        <source>Bend your right knee more</source>
        <translation>右膝再弯一些</translation>
    </message>
    <message>
        <source>Stay upright</source>
        <translation>身体保持直立</translation>
    </message>
    <message>
        <source>Lean to your left</source>
        <translation>身体向左倾</translation>
    </message>
    <message>
        <source>Lean to your right</source>
        <translation>身体向右倾</translation>
    </message>
    <message>
        <source>Chin up</source>
        <translation>抬起下巴</translation>
    </message>
    <message>
        <source>Head down</source>
        <translation>头再低一些</translation>
    </message>
    <message>
        <source>Head to your left</source>
        <translation>头转向左边</translation>
    </message>
    <message>
        <source>Head to your right</source>
        <translation>头转向右边</translation>
    </message>
    <message>
        <source>Both arms higher</source>
        <extracomment>The same change on both arms or both legs, one sentence: (limb, direction) -&gt; sentence.</extracomment>
        <translation>双臂再抬高一些</translation>
    </message>
    <message>
        <source>Both arms lower</source>
        <translation>双臂再放低一些</translation>
    </message>
    <message>
        <source>Both arms further out</source>
        <translation>双臂再往外伸一些</translation>
    </message>
    <message>
        <source>Both arms closer in</source>
        <translation>双臂再往里收一些</translation>
    </message>
    <message>
        <source>Both arms straighter</source>
        <translation>双臂再伸直一些</translation>
    </message>
    <message>
        <source>Bend both elbows more</source>
        <translation>双肘再弯一些</translation>
    </message>
    <message>
        <source>Both legs higher</source>
        <translation>双腿再抬高一些</translation>
    </message>
    <message>
        <source>Both legs lower</source>
        <translation>双腿再放低一些</translation>
    </message>
    <message>
        <source>Both legs wider</source>
        <translation>双腿再打开一些</translation>
    </message>
    <message>
        <source>Both legs narrower</source>
        <translation>双腿再收拢一些</translation>
    </message>
    <message>
        <source>Both legs straighter</source>
        <translation>双腿再伸直一些</translation>
    </message>
    <message>
        <source>Bend both knees more</source>
        <translation>双膝再弯一些</translation>
    </message>
    <message>
        <source>You used your left arm where the pro uses the right</source>
        <extracomment>&quot;You used your right arm where the pro uses the left&quot;, by the dancer&apos;s own part used.</extracomment>
        <translation>老师用的是右臂，你用了左臂</translation>
    </message>
    <message>
        <source>You used your right arm where the pro uses the left</source>
        <translation>老师用的是左臂，你用了右臂</translation>
    </message>
    <message>
        <source>You used your left leg where the pro uses the right</source>
        <translation>老师用的是右腿，你用了左腿</translation>
    </message>
    <message>
        <source>You used your right leg where the pro uses the left</source>
        <translation>老师用的是左腿，你用了右腿</translation>
    </message>
    <message>
        <source>perfect</source>
        <extracomment>A rating as a word inside a sentence (&quot;Great shapes, and perfect timing.&quot;): an adjective, so MISS is &quot;poor&quot; (&quot;Miss shapes&quot; is not English) and OK keeps its capitals (&quot;OK shapes&quot;).</extracomment>
        <translation>完美</translation>
    </message>
    <message>
        <source>great</source>
        <translation>很棒</translation>
    </message>
    <message>
        <source>good</source>
        <translation>不错</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>还行</translation>
    </message>
    <message>
        <source>poor</source>
        <translation>较差</translation>
    </message>
    <message>
        <source>{shapes} shapes, and {timing} timing.</source>
        <extracomment>How the summary says the shapes and the timing, by the timing story&apos;s kind ({shapes}: a rating word).</extracomment>
        <translation>姿势{shapes}，节奏{timing}。</translation>
    </message>
    <message>
        <source>{shapes} shapes, and steady timing, {delay} s late.</source>
        <translation>姿势{shapes}，节奏稳定，慢了 {delay} s。</translation>
    </message>
    <message>
        <source>{shapes} shapes, and steady timing, {delay} s early.</source>
        <translation>姿势{shapes}，节奏稳定，快了 {delay} s。</translation>
    </message>
    <message>
        <source>{shapes} shapes, but you rushed: you danced faster than the music.</source>
        <translation>姿势{shapes}，但你抢拍了：跳得比音乐快。</translation>
    </message>
    <message>
        <source>{shapes} shapes, but you dragged: you danced slower than the music.</source>
        <translation>姿势{shapes}，但你拖拍了：跳得比音乐慢。</translation>
    </message>
    <message>
        <source>{shapes} shapes, but you were {delay} s late: move with the music, not after the pro.</source>
        <translation>姿势{shapes}，但你慢了 {delay} s：跟着音乐动，别等老师。</translation>
    </message>
    <message>
        <source>{shapes} shapes, but you were {delay} s early: move with the music, not after the pro.</source>
        <translation>姿势{shapes}，但你快了 {delay} s：跟着音乐动，别光看老师。</translation>
    </message>
    <message>
        <source>{shapes} shapes, but your timing wandered a little: keep to the beat.</source>
        <translation>姿势{shapes}，但节奏有点飘：跟紧节拍。</translation>
    </message>
    <message>
        <source>{shapes} shapes, but your timing wandered: keep to the beat.</source>
        <translation>姿势{shapes}，但节奏不稳：跟紧节拍。</translation>
    </message>
    <message>
        <source>Your {part} were the exception: they missed ({score}).</source>
        <translation>只有你的{part}例外：失误了（{score}）。</translation>
    </message>
    <message>
        <source>and {timing} timing</source>
        <extracomment>The same timing story as a clause on its own (``timing_clause``).</extracomment>
        <translation>节奏{timing}</translation>
    </message>
    <message>
        <source>and steady timing, {delay} s late</source>
        <translation>节奏稳定，慢了 {delay} s</translation>
    </message>
    <message>
        <source>and steady timing, {delay} s early</source>
        <translation>节奏稳定，快了 {delay} s</translation>
    </message>
    <message>
        <source>but you rushed: you danced faster than the music</source>
        <translation>但你抢拍了：跳得比音乐快</translation>
    </message>
    <message>
        <source>but you dragged: you danced slower than the music</source>
        <translation>但你拖拍了：跳得比音乐慢</translation>
    </message>
    <message>
        <source>but you were {delay} s late: move with the music, not after the pro</source>
        <translation>但你慢了 {delay} s：跟着音乐动，别等老师</translation>
    </message>
    <message>
        <source>but you were {delay} s early: move with the music, not after the pro</source>
        <translation>但你快了 {delay} s：跟着音乐动，别光看老师</translation>
    </message>
    <message>
        <source>but your timing wandered a little: keep to the beat</source>
        <translation>但节奏有点飘：跟紧节拍</translation>
    </message>
    <message>
        <source>but your timing wandered: keep to the beat</source>
        <translation>但节奏不稳：跟紧节拍</translation>
    </message>
    <message>
        <source>on the beat</source>
        <extracomment>Full stops after which no space is put when sentences are joined (Chinese ones).</extracomment>
        <translation>踩在拍上</translation>
    </message>
    <message>
        <source>{delay} s late</source>
        <translation>慢了 {delay} s</translation>
    </message>
    <message>
        <source>{delay} s early</source>
        <translation>快了 {delay} s</translation>
    </message>
    <message>
        <source>faster than the music</source>
        <translation>比音乐快</translation>
    </message>
    <message>
        <source>slower than the music</source>
        <translation>比音乐慢</translation>
    </message>
    <message>
        <source>a little unsteady</source>
        <translation>有点不稳</translation>
    </message>
    <message>
        <source>unsteady</source>
        <translation>不稳</translation>
    </message>
    <message>
        <source>steady</source>
        <translation>稳定</translation>
    </message>
    <message>
        <source>Timing not judged: it needs the dance&apos;s moves to compare</source>
        <translation>未评节奏：要跳这支舞的动作才能比较</translation>
    </message>
    <message>
        <source>{when} on average</source>
        <translation>平均{when}</translation>
    </message>
    <message>
        <source>hit {hit} of {count} accents</source>
        <translation>卡中 {hit}/{count} 个重拍</translation>
    </message>
    <message>
        <source>You danced it as in a mirror (your left copied the pro&apos;s right), so you were judged that way: that is how most people copy a video.</source>
        <translation>你是像照镜子那样跳的（你的左边对着老师的右边），所以按镜像来评分：大多数人都是这样跟着视频学的。</translation>
    </message>
    <message>
        <source>{first}, {second}</source>
        <translation>{first}，{second}</translation>
    </message>
    <message>
        <source>{advice} · a bit earlier</source>
        <translation>{advice} · 稍微早一点</translation>
    </message>
    <message>
        <source>A bit earlier</source>
        <translation>稍微早一点</translation>
    </message>
    <message>
        <source>{advice} · a bit later</source>
        <translation>{advice} · 稍微晚一点</translation>
    </message>
    <message>
        <source>A bit later</source>
        <translation>稍微晚一点</translation>
    </message>
    <message>
        <source>{swap}. {advice}</source>
        <translation>{swap}。{advice}</translation>
    </message>
    <message>
        <source>{start}-{end} s</source>
        <translation>{start}-{end} s</translation>
    </message>
    <message>
        <source>Your {part} was the exception: it missed ({score}).</source>
        <translation>只有你的{part}例外：失误了（{score}）。</translation>
    </message>
    <message>
        <source>Your {part} missed ({score}).</source>
        <extracomment>The parts rated MISS, by (shapes rated GOOD or better, more than one part).</extracomment>
        <translation>你的{part}失误了（{score}）。</translation>
    </message>
    <message>
        <source>We could not see you dance, so there is nothing to score yet.</source>
        <translation>没看到你跳舞，暂时没有可以评分的内容。</translation>
    </message>
    <message>
        <source>We saw you for only {percent}% of the dance: too little to tell how you danced it. Stay where the camera sees all of you, then try again.</source>
        <translation>这支舞只有 {percent}% 的时间看到了你：太少了，没法判断你跳得怎么样。站到镜头能拍到你全身的地方，再试一次。</translation>
    </message>
    <message>
        <source>This does not look like this dance: your movements did not follow the pro&apos;s. Check that you picked the right video, then dance along from the start.</source>
        <translation>这看起来不是这支舞：你的动作没有跟上老师。确认选对了视频，再从头跟着跳。</translation>
    </message>
    <message>
        <source>Practise the move at {range}: {advice}.</source>
        <translation>多练练 {range} 的动作：{advice}。</translation>
    </message>
    <message>
        <source>Practise the move at {range}.</source>
        <translation>多练练 {range} 的动作。</translation>
    </message>
    <message>
        <source>Nothing to practise: every move you danced was GOOD or better.</source>
        <translation>没有需要练的：你跳的每个动作都在“不错”以上。</translation>
    </message>
    <message>
        <source>{first} and {last}</source>
        <translation>{first}和{last}</translation>
    </message>
    <message>
        <source>{list}, {item}</source>
        <translation>{list}、{item}</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <source>The video&apos;s dancer&apos;s {parts} were not in view: judged on {judged}</source>
        <translation>示范视频里舞者的{parts}不在画面中：只按{judged}评分</translation>
    </message>
    <message>
        <source>The video&apos;s dancer&apos;s {parts} was not in view: judged on {judged}</source>
        <translation>示范视频里舞者的{parts}不在画面中：只按{judged}评分</translation>
    </message>
    <message>
        <source>Your {parts} were not in view: judged on {judged}. Step back so the camera sees all of you</source>
        <translation>你的{parts}不在画面中：只按{judged}评分。往后退一点，让镜头拍到你全身</translation>
    </message>
    <message>
        <source>Your {parts} was not in view: judged on {judged}. Step back so the camera sees all of you</source>
        <translation>你的{parts}不在画面中：只按{judged}评分。往后退一点，让镜头拍到你全身</translation>
    </message>
    <message>
        <source>You danced the first {seconds} s of {total} s: the rest is not scored.</source>
        <translation>你跳了 {total} s 中的前 {seconds} s：其余部分不计分。</translation>
    </message>
    <message>
        <source>You danced the last {seconds} s of {total} s: the rest is not scored.</source>
        <translation>你跳了 {total} s 中的后 {seconds} s：其余部分不计分。</translation>
    </message>
    <message>
        <source>You danced {start}-{end} s of {total} s: the rest is not scored.</source>
        <translation>你跳了 {total} s 中的 {start}-{end} s：其余部分不计分。</translation>
    </message>
    <message>
        <source>no dancer found in the reference video: there is nothing to copy</source>
        <translation>示范视频里没有找到舞者：没有可以模仿的动作</translation>
    </message>
    <message>
        <source>no dancer found in your video: make sure your whole body is in the camera&apos;s view</source>
        <translation>你的视频里没有找到舞者：请确保镜头能拍到你全身</translation>
    </message>
    <message>
        <source>you were out of frame for {seconds} s: stay where the camera sees all of you</source>
        <translation>你有 {seconds} s 不在画面中：请待在镜头能拍到你全身的地方</translation>
    </message>
    <message>
        <source>The music lined the two videos up: they start together.</source>
        <translation>已按音乐对齐两段视频：它们同时开始。</translation>
    </message>
    <message>
        <source>The music lined the two videos up: the song starts {seconds} s later in yours.</source>
        <translation>已按音乐对齐两段视频：你的视频里歌曲晚 {seconds} s 开始。</translation>
    </message>
    <message>
        <source>The music lined the two videos up: the song starts {seconds} s earlier in yours.</source>
        <translation>已按音乐对齐两段视频：你的视频里歌曲早 {seconds} s 开始。</translation>
    </message>
    <message>
        <source>Lined up by the session&apos;s clock: you danced along with the video.</source>
        <translation>已按练习时的时钟对齐：你是跟着视频跳的。</translation>
    </message>
    <message>
        <source>Lined up by your movements (the two videos do not share their music).</source>
        <translation>已按你的动作对齐（两段视频的音乐不同）。</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>{path}: is a folder; give a file name for the {what}</source>
        <translation>{path}：这是一个文件夹；请为{what}给一个文件名</translation>
    </message>
    <message>
        <source>{path}: part of the folder path is a file, not a folder</source>
        <translation>{path}：路径中有一部分是文件，不是文件夹</translation>
    </message>
    <message>
        <source>{path}: folder is not writable for the {what}</source>
        <translation>{path}：文件夹不可写，无法保存{what}</translation>
    </message>
    <message>
        <source>{path}: {option} would overwrite the input {source}; give the {what} another name</source>
        <translation>{path}：{option} 会覆盖输入文件 {source}；请给{what}换个名字</translation>
    </message>
    <message>
        <source>{first} and {second} both name {path}; give each output its own file</source>
        <translation>{first} 和 {second} 都指向 {path}；请给每个输出单独的文件</translation>
    </message>
    <message>
        <source>--workers must be at least 1</source>
        <extracomment>What ``--ray`` accepts: local, auto, HOST:PORT or ray://HOST:PORT. How often the analysing thread looks whether it should stop (seconds).</extracomment>
        <translation>--workers 至少为 1</translation>
    </message>
    <message>
        <source>{option} must be a positive finite number of seconds, not {value}</source>
        <translation>{option} 必须是有限的正秒数，不能是 {value}</translation>
    </message>
    <message>
        <source>{option} must be at least {value}</source>
        <translation>{option} 至少为 {value}</translation>
    </message>
    <message>
        <source>--dancer {value}: not a dancer; use a number from 1 (the leftmost dancer) or auto</source>
        <translation>--dancer {value}：不是有效的舞者；请用从 1 开始的编号（1 是最左边的舞者）或 auto</translation>
    </message>
</context>
<context>
    <name>Dancers</name>
    <message>
        <source>Dancer {number}</source>
        <extracomment>RGB, cropped around the dancer where they are most visible (None: no picture).</extracomment>
        <translation>{number} 号舞者</translation>
    </message>
    <message>
        <source>choreography {id} is not in the library (deleted?)</source>
        <translation>舞蹈 {id} 不在舞蹈库中（已删除？）</translation>
    </message>
    <message>
        <source>{path}: cannot read the video ({reason})</source>
        <translation>{path}：无法读取视频（{reason}）</translation>
    </message>
    <message>
        <source>“{title}” is not analysed yet; dance it once, then choose a dancer</source>
        <translation>“{title}”还没有分析过；先跳一次，再选择舞者</translation>
    </message>
    <message>
        <source>in view {seen} s of {seconds} s</source>
        <translation>在画面中 {seen} s / 共 {seconds} s</translation>
    </message>
    <message>
        <source>Auto dancer of {dancers}</source>
        <translation>自动选择（共 {dancers} 位）</translation>
    </message>
    <message>
        <source>Dancer {dancer} of {dancers}</source>
        <translation>{dancer} 号舞者（共 {dancers} 位）</translation>
    </message>
</context>
<context>
    <name>Demo</name>
    <message>
        <source>the pro&apos;s choreography</source>
        <extracomment>Length of each demo video; None = the whole choreography (tests shorten it).</extracomment>
        <translation>老师的示范舞蹈</translation>
    </message>
    <message>
        <source>a good performance (another dancer, 0.15 s late)</source>
        <translation>一段不错的表演（另一位舞者，慢 0.15 s）</translation>
    </message>
    <message>
        <source>a sloppy performance (0.5 s late and drifting)</source>
        <translation>一段马虎的表演（慢 0.5 s，而且越来越慢）</translation>
    </message>
    <message>
        <source>{path}: is a file, not a folder</source>
        <translation>{path}：这是文件，不是文件夹</translation>
    </message>
    <message>
        <source>{path}: cannot create the folder ({reason})</source>
        <translation>{path}：无法创建文件夹（{reason}）</translation>
    </message>
    <message>
        <source>wrote {path} ({what}; {seconds} s, {bpm} BPM) and {truth}</source>
        <translation>已写入 {path}（{what}；{seconds} s，{bpm} BPM）和 {truth}</translation>
    </message>
</context>
<context>
    <name>Info</name>
    <message>
        <source>unusable: {reason}</source>
        <extracomment>The flags of /proc/cpuinfo worth naming: XNNPACK picks its kernels by them. What each library is called on screen, by its distribution name.</extracomment>
        <translation>无法使用：{reason}</translation>
    </message>
    <message>
        <source>ok</source>
        <extracomment>What ``render`` calls the data&apos;s words (the JSON keeps them as they are).</extracomment>
        <translation>正常</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>altered</source>
        <translation>已被改动</translation>
    </message>
    <message>
        <source>data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>cache</source>
        <translation>缓存</translation>
    </message>
    <message>
        <source>log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>有</translation>
    </message>
    <message>
        <source>no</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Catalogue</source>
        <translation>翻译文件</translation>
    </message>
    <message>
        <source>none: English is built in</source>
        <translation>无：英文为内置语言</translation>
    </message>
    <message>
        <source>Font</source>
        <translation>字体</translation>
    </message>
    <message>
        <source>{model} ({cores} cores)</source>
        <translation>{model}（{cores} 核）</translation>
    </message>
    <message>
        <source>no flags listed</source>
        <translation>未列出指令集</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Landmark model run here: {choice}</source>
        <translation>本机使用的关键点模型：{choice}</translation>
    </message>
    <message>
        <source>Folders</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>none found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>Cameras</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>Audio outputs</source>
        <translation>音频输出</translation>
    </message>
</context>
<context>
    <name>Library</name>
    <message>
        <source>{path}: is an image; import a video to dance to</source>
        <extracomment>Share of the progress bar for copying the file (the analysis takes the rest). Thumbnail width in pixels (height follows the video&apos;s shape). Shorter videos cannot be danced to (nor aligned).</extracomment>
        <translation>{path}：这是图片；请导入可以跟着跳的视频</translation>
    </message>
    <message>
        <source>{path}: too short to dance to ({seconds} s)</source>
        <translation>{path}：太短了，没法跟着跳（{seconds} s）</translation>
    </message>
    <message>
        <source>{path}: cannot create a folder here ({reason})</source>
        <translation>{path}：无法在这里创建文件夹（{reason}）</translation>
    </message>
    <message>
        <source>{path}: cannot move the video into the library ({reason})</source>
        <translation>{path}：无法把视频移入舞蹈库（{reason}）</translation>
    </message>
    <message>
        <source>nobody was found in {name}</source>
        <translation>{name} 中没有找到任何人</translation>
    </message>
    <message>
        <source>{path}: cannot save its analysis ({reason})</source>
        <translation>{path}：无法保存分析结果（{reason}）</translation>
    </message>
    <message>
        <source>cannot save the analysis of this dance ({reason})</source>
        <translation>无法保存这支舞的分析结果（{reason}）</translation>
    </message>
    <message>
        <source>{path}: cannot copy it into the library ({reason})</source>
        <translation>{path}：无法复制到舞蹈库（{reason}）</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
    </message>
</context>
<context>
    <name>Outputs</name>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>mask</source>
        <translation>蒙版</translation>
    </message>
    <message>
        <source>overlay</source>
        <translation>叠加图</translation>
    </message>
    <message>
        <source>replay video</source>
        <translation>回放视频</translation>
    </message>
</context>
<context>
    <name>Parts</name>
    <message>
        <source>head</source>
        <extracomment>The body parts as the dancer calls them (``poses.GROUPS`` are the data&apos;s names).</extracomment>
        <translation>头部</translation>
    </message>
    <message>
        <source>torso</source>
        <translation>躯干</translation>
    </message>
    <message>
        <source>left arm</source>
        <translation>左臂</translation>
    </message>
    <message>
        <source>right arm</source>
        <translation>右臂</translation>
    </message>
    <message>
        <source>left leg</source>
        <translation>左腿</translation>
    </message>
    <message>
        <source>right leg</source>
        <translation>右腿</translation>
    </message>
    <message>
        <source>arms</source>
        <translation>双臂</translation>
    </message>
    <message>
        <source>legs</source>
        <translation>双腿</translation>
    </message>
</context>
<context>
    <name>Progress</name>
    <message>
        <source>overlay</source>
        <translation>叠加</translation>
    </message>
    <message>
        <source>analyze</source>
        <translation>分析</translation>
    </message>
    <message>
        <source>{count}/min</source>
        <extracomment>Rows shown in the summary printed at the end (the class page has them all).</extracomment>
        <translation>{count}/min</translation>
    </message>
    <message>
        <source>{time} left</source>
        <translation>剩余 {time}</translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds} s</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} min</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} h {minutes} min</translation>
    </message>
    <message>
        <source>batch</source>
        <translation>批量</translation>
    </message>
    <message>
        <source>score</source>
        <translation>评分</translation>
    </message>
</context>
<context>
    <name>Ratings</name>
    <message>
        <source>PERFECT</source>
        <extracomment>(lowest rounded score, rating): the one scale for moves, parts, shapes and timing. A move or part under this is worth practising (&quot;weakest&quot; means below GOOD). Moves that are not rated: not danced (a practice session skipped it, or the recording ended), the dancer out of the picture, or the computer could not see the pro. An unsteadiness costing fewer points than this is &quot;a little&quot; unsteady. A move&apos;s own delay must differ from the dancer&apos;s usual one by this much (s) to be named. A rating as a label (a badge, a table cell): the data says &quot;great&quot;, the screen &quot;GREAT&quot; / &quot;很棒&quot;.</extracomment>
        <translation>完美</translation>
    </message>
    <message>
        <source>GREAT</source>
        <translation>很棒</translation>
    </message>
    <message>
        <source>GOOD</source>
        <translation>不错</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>还行</translation>
    </message>
    <message>
        <source>MISS</source>
        <translation>失误</translation>
    </message>
    <message>
        <source>SKIPPED</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>AWAY</source>
        <translation>不在画面</translation>
    </message>
    <message>
        <source>UNKNOWN</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>Recovery</name>
    <message>
        <source>The app closed during this session, and player {player} cannot be found in its recording.</source>
        <translation>这次练习中应用关闭了，录像里找不到 {player} 号玩家。</translation>
    </message>
    <message>
        <source>The app closed during this session; it was scored from its recording.</source>
        <translation>这次练习中应用关闭了；已根据录像评分。</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>the one dancer</source>
        <extracomment>Share of the score that timing can take away: score = shape * (1 - TIMING_SHARE * (1 - timing/100)). per reference frame, whether it counts (a dancer in the reference, danced, covered); empty: every frame (a report read back from an older session) what anchored the alignment: &quot;music&quot; (both videos carry the same song), &quot;clock&quot; (a live session) or &quot;motion&quot;; with the music, how much later the performance&apos;s music played per reference frame, the score so far as the report makes it (the replay&apos;s running score); empty: a report read back from an older session where your movement accents fell against the pro&apos;s (``accents.Accents.to_json``), or None which of the reference&apos;s dancers was followed (numbered from the left) and how many it has; None: a reference analysed as one dancer (older sessions) False when the performance does not look like the reference&apos;s dance (then no timing praise and no advice); the results screen&apos;s timing line and what &quot;mirrored&quot; means the facts the sentences are made from, so ``coaching.retold`` can make them again in another language: found, seen_share, shape, timing ({offset_s, tempo_ratio, jitter_s, score, judged}), parts and warnings (one fact per warning made here), unrounded; {}: an older report</extracomment>
        <translation>唯一的舞者</translation>
    </message>
    <message>
        <source>dancer {dancer} of {dancers} (from the left)</source>
        <translation>第 {dancer} 位舞者（共 {dancers} 位，从左数）</translation>
    </message>
</context>
<context>
    <name>Score</name>
    <message>
        <source>{path}: the reference must be a video, not an image</source>
        <translation>{path}：示范必须是视频，不能是图片</translation>
    </message>
    <message>
        <source>{path}: the performance must be a video, not an image</source>
        <translation>{path}：表演必须是视频，不能是图片</translation>
    </message>
    <message>
        <source>{part} not in view</source>
        <translation>{part} 不在画面中</translation>
    </message>
    <message>
        <source>{part} {score} ({rating})</source>
        <translation>{part} {score}（{rating}）</translation>
    </message>
    <message>
        <source>Score {score} ({grade})   shape {shape}   timing {timing}</source>
        <translation>得分 {score}（{grade}）   姿势 {shape}   节奏 {timing}</translation>
    </message>
    <message>
        <source>Timing: {line}</source>
        <translation>节奏：{line}</translation>
    </message>
    <message>
        <source>Parts: {parts}</source>
        <translation>各部位：{parts}</translation>
    </message>
    <message>
        <source>Practise these moves:</source>
        <translation>多练练这些动作：</translation>
    </message>
    <message>
        <source>{range}  {rating} {score}: {advice}</source>
        <translation>{range}  {rating} {score}：{advice}</translation>
    </message>
    <message>
        <source>{range}  {rating} {score}</source>
        <translation>{range}  {rating} {score}</translation>
    </message>
    <message>
        <source>Followed {dancer}; choose another with --dancer N</source>
        <translation>跟随的是{dancer}；用 --dancer N 换一位</translation>
    </message>
    <message>
        <source>Warning: {warning}</source>
        <translation>注意：{warning}</translation>
    </message>
    <message>
        <source>{path}: the replay is an MP4 video; use a .mp4 name</source>
        <translation>{path}：回放是 MP4 视频，请用 .mp4 文件名</translation>
    </message>
</context>
<context>
    <name>Sessions</name>
    <message>
        <source>the app closed during this session; it was scored from its recording</source>
        <translation>这次练习中应用关闭了；已根据录像评分</translation>
    </message>
    <message>
        <source>the app closed during this session before anything was recorded</source>
        <extracomment>How far the music may move a recording from where the session clock put it (seconds).</extracomment>
        <translation>这次练习还没录到任何内容，应用就关闭了</translation>
    </message>
    <message>
        <source>choreography {id}</source>
        <translation>舞蹈 {id}</translation>
    </message>
    <message>
        <source>the app closed during this session and its choreography&apos;s video is missing ({where})</source>
        <translation>这次练习中应用关闭了，而且舞蹈视频不见了（{where}）</translation>
    </message>
    <message>
        <source>the app closed during this session and its recording cannot be played ({reason})</source>
        <translation>这次练习中应用关闭了，而且录像无法播放（{reason}）</translation>
    </message>
    <message>
        <source>the app closed during this session and its recording cannot be scored ({reason})</source>
        <translation>这次练习中应用关闭了，而且录像无法评分（{reason}）</translation>
    </message>
    <message>
        <source>the app closed during this session; scoring its recording failed ({error}: {reason})</source>
        <translation>这次练习中应用关闭了；给录像评分失败（{error}：{reason}）</translation>
    </message>
</context>
</TS>
