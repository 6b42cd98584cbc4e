<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>BodyParts</name>
    <message>
        <source>Head</source>
        <extracomment>What each scored part group is called on screen (report order), in English: ``part_label`` says it in the language spoken now.</extracomment>
        <translation>头部</translation>
    </message>
    <message>
        <source>Torso</source>
        <translation>躯干</translation>
    </message>
    <message>
        <source>Left arm</source>
        <translation>左臂</translation>
    </message>
    <message>
        <source>Right arm</source>
        <translation>右臂</translation>
    </message>
    <message>
        <source>Left leg</source>
        <translation>左腿</translation>
    </message>
    <message>
        <source>Right leg</source>
        <translation>右腿</translation>
    </message>
</context>
<context>
    <name>CameraPreview</name>
    <message>
        <source>the demo dancer</source>
        <translation>示范舞者</translation>
    </message>
    <message>
        <source>camera {number}</source>
        <translation>摄像头 {number}</translation>
    </message>
    <message>
        <source>Camera preview</source>
        <translation>摄像头预览</translation>
    </message>
</context>
<context>
    <name>Charts</name>
    <message>
        <source>you were out of the picture</source>
        <extracomment>Colour of a move that was not judged: not danced (practice sessions skip some), or danced with the dancer out of the picture (&quot;away&quot;). Grey: neither good nor weak.</extracomment>
        <translation>你不在画面里</translation>
    </message>
    <message>
        <source>not danced</source>
        <translation>没有跳</translation>
    </message>
    <message>
        <source>the pro could not be seen</source>
        <translation>看不清老师</translation>
    </message>
</context>
<context>
    <name>ControlsRow</name>
    <message>
        <source>◀  Previous</source>
        <translation>◀  上一个</translation>
    </message>
    <message>
        <source>Back to the start of this move, or the one before (←)</source>
        <translation>回到这个动作的开头，或上一个动作（←）</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Pause or carry on (Space)</source>
        <translation>暂停或继续（空格）</translation>
    </message>
    <message>
        <source>Next  ▶</source>
        <translation>下一个  ▶</translation>
    </message>
    <message>
        <source>Jump to the next move (→)</source>
        <translation>跳到下一个动作（→）</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Speed {rate}x</source>
        <translation>速度 {rate}x</translation>
    </message>
    <message>
        <source>⟳  Loop this move</source>
        <translation>⟳  循环这个动作</translation>
    </message>
    <message>
        <source>Stop and score</source>
        <translation>结束并评分</translation>
    </message>
    <message>
        <source>Stop now and score what you danced (Esc)</source>
        <translation>现在结束，给已跳的部分评分（Esc）</translation>
    </message>
</context>
<context>
    <name>DanceController</name>
    <message>
        <source>This dance cannot start</source>
        <extracomment>The session is built: ``(bridge, camera note, the reference&apos;s first frame as RGB)``. The number the countdown shows, or None once it is over. A banner over the stage (None: none). The dance begins: the moves are known, the practice controls work. The practice controls are usable (True) or not. The engine&apos;s state changed (the pause button follows it). The session has ended: nothing more to draw. Something went wrong: ``(title, what happened, what to do next)``.</extracomment>
        <translation>这支舞无法开始</translation>
    </message>
    <message>
        <source>Get ready…</source>
        <translation>准备好……</translation>
    </message>
    <message>
        <source>Getting the camera ready…</source>
        <translation>正在准备摄像头……</translation>
    </message>
    <message>
        <source>Scoring your dance…</source>
        <translation>正在给你的舞蹈评分……</translation>
    </message>
    <message>
        <source>Leaving…</source>
        <translation>正在离开……</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存……</translation>
    </message>
    <message>
        <source>The session stopped</source>
        <translation>练习中断了</translation>
    </message>
    <message>
        <source>nothing was danced</source>
        <translation>还没有跳任何动作</translation>
    </message>
    <message>
        <source>Nothing to score yet</source>
        <translation>还没有可评分的内容</translation>
    </message>
    <message>
        <source>The session ended before there was anything to score ({reason}).</source>
        <translation>练习在有内容可评分之前就结束了（{reason}）。</translation>
    </message>
    <message>
        <source>Stand where the camera sees all of you and try again.</source>
        <translation>站到摄像头能拍到你全身的位置，再试一次。</translation>
    </message>
    <message>
        <source>Your result could not be saved</source>
        <translation>无法保存你的成绩</translation>
    </message>
</context>
<context>
    <name>DanceHud</name>
    <message>
        <source>On the beat</source>
        <extracomment>Lag (seconds) within which the dancer counts as in time. Seconds of dancing in a take during which &quot;Finding your timing…&quot; is honest; after that an unsettled lag is shown as an estimate (&quot;About 0.3 s behind&quot;) instead. A gap between two scored frames longer than this is a pause, not dancing. Ring sizes (points of its number) from roomy to cramped. Limb bars&apos; label sizes (points) from roomy to cramped.</extracomment>
        <translation>踩在拍子上</translation>
    </message>
    <message>
        <source>You&apos;re {seconds} s behind</source>
        <translation>你慢了 {seconds} s</translation>
    </message>
    <message>
        <source>You&apos;re {seconds} s ahead</source>
        <translation>你快了 {seconds} s</translation>
    </message>
    <message>
        <source>Roughly on the beat</source>
        <translation>大致踩在拍子上</translation>
    </message>
    <message>
        <source>About {seconds} s behind</source>
        <translation>大约慢了 {seconds} s</translation>
    </message>
    <message>
        <source>About {seconds} s ahead</source>
        <translation>大约快了 {seconds} s</translation>
    </message>
    <message>
        <source>Live score</source>
        <translation>实时得分</translation>
    </message>
    <message>
        <source>Space: pause · Esc: stop and score
← →: previous / next move</source>
        <translation>空格：暂停 · Esc：结束并评分
← →：上一个 / 下一个动作</translation>
    </message>
    <message>
        <source>score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Which limb is off</source>
        <translation>哪个部位没跟上</translation>
    </message>
    <message>
        <source>Player 1&apos;s limbs</source>
        <translation>玩家 1 的部位</translation>
    </message>
    <message>
        <source>For player 1</source>
        <translation>给玩家 1</translation>
    </message>
    <message>
        <source>Step into the picture</source>
        <translation>请走进画面</translation>
    </message>
    <message>
        <source>Player 1: step into the picture</source>
        <translation>玩家 1：请走进画面</translation>
    </message>
    <message>
        <source>Finding your timing…</source>
        <translation>正在测量你的节奏……</translation>
    </message>
    <message>
        <source>Still measuring your timing: an estimate</source>
        <translation>还在测量你的节奏：这是估计值</translation>
    </message>
    <message>
        <source>Watch your {part}</source>
        <translation>注意{part}</translation>
    </message>
    <message>
        <source>Every limb on track</source>
        <translation>每个部位都跟上了</translation>
    </message>
    <message>
        <source>Score {score}</source>
        <translation>得分 {score}</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
</context>
<context>
    <name>DancePlayers</name>
    <message>
        <source>You left the frame — step back in</source>
        <extracomment>Each player&apos;s colour (player 1 first): labels, rings&apos; captions, skeletons.</extracomment>
        <translation>你离开了画面——请回来</translation>
    </message>
    <message>
        <source>Both players left the frame — step back in</source>
        <translation>两位玩家都离开了画面——请回来</translation>
    </message>
    <message>
        <source>Player {number} left the frame</source>
        <translation>玩家 {number} 离开了画面</translation>
    </message>
    <message>
        <source>P{number} {rating}</source>
        <translation>P{number} {rating}</translation>
    </message>
    <message>
        <source>Players</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>One dancer</source>
        <translation>一人跳</translation>
    </message>
    <message>
        <source>Two dancers side by side: player 1 on the left, player 2 on the right</source>
        <translation>两人并排跳：玩家 1 在左，玩家 2 在右</translation>
    </message>
    <message>
        <source>One player</source>
        <translation>一位玩家</translation>
    </message>
    <message>
        <source>Two players</source>
        <translation>两位玩家</translation>
    </message>
    <message>
        <source>Player {number}</source>
        <translation>玩家 {number}</translation>
    </message>
    <message>
        <source>Player {number}&apos;s score</source>
        <translation>玩家 {number} 的得分</translation>
    </message>
    <message>
        <source>score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>not in view</source>
        <translation>不在画面中</translation>
    </message>
    <message>
        <source>P{number}</source>
        <extracomment>A player&apos;s tag above their head (&quot;P1&quot;; translated where the app draws pictures with Qt).</extracomment>
        <translation>{number}号</translation>
    </message>
</context>
<context>
    <name>DanceView</name>
    <message>
        <source>Getting the camera ready…</source>
        <extracomment>Display rate of the stage (ms between frames pulled from the session).</extracomment>
        <translation>正在准备摄像头……</translation>
    </message>
    <message>
        <source>DEMO DANCER</source>
        <translation>示范舞者</translation>
    </message>
    <message>
        <source>YOU</source>
        <translation>你</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>加载中……</translation>
    </message>
    <message>
        <source>Your camera</source>
        <translation>你的摄像头</translation>
    </message>
    <message>
        <source>The dancer joins when the music starts</source>
        <translation>音乐响起时舞者就会出现</translation>
    </message>
    <message>
        <source>Move {number} of {count}</source>
        <translation>第 {number} 个动作，共 {count} 个</translation>
    </message>
    <message>
        <source>{rating} {score}</source>
        <translation>{rating} {score}</translation>
    </message>
    <message>
        <source>The camera stopped ({reason}). Scoring what you danced; check the camera&apos;s cable or pick another in Settings.</source>
        <translation>摄像头停止了（{reason}）。正在给已跳的部分评分；请检查摄像头的线缆，或在设置中换一个摄像头。</translation>
    </message>
    <message>
        <source>Recording stopped: {reason}. Your score is still kept; to record next time, free some disk space or choose another data folder in Settings.</source>
        <translation>录像停止了：{reason}。你的得分仍会保留；下次想录像，请腾出一些磁盘空间，或在设置中换一个数据文件夹。</translation>
    </message>
    <message>
        <source>Your computer is busy: scoring fewer frames ({fps} a second)</source>
        <translation>电脑正忙：评分的画面变少了（每秒 {fps} 帧）</translation>
    </message>
    <message>
        <source>Carry on</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Paused — press Space to carry on</source>
        <translation>已暂停——按空格继续</translation>
    </message>
</context>
<context>
    <name>MessageCard</name>
    <message>
        <source>Back to the library</source>
        <translation>返回舞蹈库</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>再试一次</translation>
    </message>
</context>
<context>
    <name>PartBars</name>
    <message>
        <source>Scores by body part</source>
        <translation>各部位得分</translation>
    </message>
    <message>
        <source>No scores yet</source>
        <translation>还没有得分</translation>
    </message>
    <message>
        <source>{part} not in view</source>
        <translation>{part}不在画面中</translation>
    </message>
    <message>
        <source>{part} {score}</source>
        <translation>{part} {score}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>not in view</source>
        <translation>不在画面中</translation>
    </message>
</context>
<context>
    <name>PracticeBar</name>
    <message>
        <source>Take {number}: {score} {rating} ({part} {part_score})</source>
        <extracomment>How many takes the bar lists (the latest ones).</extracomment>
        <translation>第 {number} 遍：{score} {rating}（{part} {part_score}）</translation>
    </message>
    <message>
        <source>Take {number}: {score} {rating}</source>
        <translation>第 {number} 遍：{score} {rating}</translation>
    </message>
    <message>
        <source>Stop practising</source>
        <translation>结束练习</translation>
    </message>
    <message>
        <source>End the loop and go back to full speed (Esc stops and scores)</source>
        <translation>结束循环，恢复正常速度（按 Esc 结束并评分）</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>即将开始……</translation>
    </message>
    <message>
        <source>Looping move {number}, {speed}x</source>
        <translation>循环第 {number} 个动作，{speed}x</translation>
    </message>
    <message>
        <source>First time round… each time round is scored</source>
        <translation>第一遍……每一遍都会评分</translation>
    </message>
    <message>
        <source>(better than the first)</source>
        <translation>（比第一遍好）</translation>
    </message>
    <message>
        <source>(about the same as the first)</source>
        <translation>（和第一遍差不多）</translation>
    </message>
    <message>
        <source>(lower than the first)</source>
        <translation>（比第一遍低）</translation>
    </message>
    <message>
        <source>Break it down: move {number}, {speed}x, looping</source>
        <translation>分解练习：第 {number} 个动作，{speed}x，循环中</translation>
    </message>
</context>
<context>
    <name>ProgressChart</name>
    <message>
        <source>No scores yet: dance this choreography to start your progress chart.</source>
        <extracomment>The score levels drawn across the chart: the floor solid, the others dotted.</extracomment>
        <translation>还没有得分：跳一遍这支舞，就能开始记录你的进步。</translation>
    </message>
    <message>
        <source>Your scores over your sessions</source>
        <translation>你每次练习的得分</translation>
    </message>
    <message>
        <source>{count} sessions, best {best}, latest {latest}</source>
        <translation>共 {count} 次练习，最高 {best}，最近 {latest}</translation>
    </message>
    <message>
        <source>best {score}</source>
        <translation>最高 {score}</translation>
    </message>
    <message>
        <source>1 session · {dates}</source>
        <translation>1 次练习 · {dates}</translation>
    </message>
    <message>
        <source>{count} sessions · {dates}</source>
        <translation>{count} 次练习 · {dates}</translation>
    </message>
    <message>
        <source>d MMM yyyy</source>
        <translation>yyyy年M月d日</translation>
    </message>
</context>
<context>
    <name>ResultsCards</name>
    <message>
        <source>Nothing to practise: every move you danced was GOOD or better.</source>
        <extracomment>Below this a move is worth practising (the report&apos;s GOOD starts here).</extracomment>
        <translation>没有需要练的：你跳的每个动作都在“不错”以上。</translation>
    </message>
    <message>
        <source>steady tempo</source>
        <extracomment>A snapshot wider than this (width / height) is shown above its text, else beside it.</extracomment>
        <translation>速度稳定</translation>
    </message>
    <message>
        <source>tempo {ratio}x (rushing)</source>
        <translation>速度 {ratio}x（偏快）</translation>
    </message>
    <message>
        <source>tempo {ratio}x (dragging)</source>
        <translation>速度 {ratio}x（偏慢）</translation>
    </message>
    <message>
        <source>Timing: {when} · {pace}</source>
        <translation>节奏：{when} · {pace}</translation>
    </message>
    <message>
        <source>A bit earlier</source>
        <translation>早一点</translation>
    </message>
    <message>
        <source>A bit later</source>
        <translation>晚一点</translation>
    </message>
    <message>
        <source>Watch your {part}</source>
        <translation>注意{part}</translation>
    </message>
</context>
<context>
    <name>ResultsView</name>
    <message>
        <source>not finished</source>
        <extracomment>A session&apos;s status as the subtitle says it (done and stopped sessions say nothing).</extracomment>
        <translation>未完成</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>recovered after a crash</source>
        <translation>意外退出后已恢复</translation>
    </message>
    <message>
        <source> · against {dancer}</source>
        <translation> · 对照{dancer}</translation>
    </message>
    <message>
        <source>Shapes {shape} · timing {timing}</source>
        <translation>动作 {shape} · 节奏 {timing}</translation>
    </message>
    <message>
        <source>{title} · Player {number}</source>
        <translation>{title} · 玩家 {number}</translation>
    </message>
    <message>
        <source>ddd dd MMM yyyy, HH:mm</source>
        <translation>yyyy年M月d日 ddd HH:mm</translation>
    </message>
    <message>
        <source>Your score through the dance — click a move to watch it</source>
        <extracomment>The replay&apos;s least height: two portrait videos side by side need room to be seen.</extracomment>
        <translation>整支舞的得分变化——点击一个动作即可观看</translation>
    </message>
    <message>
        <source>Practise these moves</source>
        <translation>练练这些动作</translation>
    </message>
    <message>
        <source>←  Back</source>
        <translation>←  返回</translation>
    </message>
    <message>
        <source>Export replay…</source>
        <translation>导出回放…</translation>
    </message>
    <message>
        <source>Export recording…</source>
        <translation>导出录像…</translation>
    </message>
    <message>
        <source>Dance again</source>
        <translation>再跳一次</translation>
    </message>
    <message>
        <source>Your score is how well your shapes matched, less up to a fifth for timing.</source>
        <translation>得分看你的动作有多像老师，节奏最多扣五分之一。</translation>
    </message>
    <message>
        <source>Session not found</source>
        <translation>找不到这次练习</translation>
    </message>
    <message>
        <source>This session is no longer in the history.</source>
        <translation>这次练习已不在历史记录中。</translation>
    </message>
    <message>
        <source>Player {number}’s report</source>
        <translation>玩家 {number} 的报告</translation>
    </message>
    <message>
        <source>{duration} danced</source>
        <translation>跳了 {duration}</translation>
    </message>
    <message>
        <source>No score for this session</source>
        <translation>这次练习没有得分</translation>
    </message>
    <message>
        <source>Nothing was scored in this session.</source>
        <translation>这次练习没有可评分的内容。</translation>
    </message>
    <message>
        <source>no score</source>
        <translation>无得分</translation>
    </message>
    <message>
        <source>No recording to take a picture from</source>
        <translation>没有录像，无法截图</translation>
    </message>
    <message>
        <source>No picture</source>
        <translation>没有图片</translation>
    </message>
    <message>
        <source>No picture: {reason}</source>
        <translation>没有图片：{reason}</translation>
    </message>
    <message>
        <source>No recording was kept of this session, so there is no replay.
Turn recording on in Settings to get one next time.</source>
        <translation>这次练习没有保存录像，所以没有回放。
在设置中打开录像，下次就能看到回放。</translation>
    </message>
    <message>
        <source>The choreography&apos;s video is gone, so the replay cannot be made.</source>
        <translation>这支舞的示范视频已不在，无法生成回放。</translation>
    </message>
    <message>
        <source>The replay could not be made: {reason}
{next_step}</source>
        <translation>无法生成回放：{reason}
{next_step}</translation>
    </message>
    <message>
        <source>Export the replay</source>
        <translation>导出回放</translation>
    </message>
    <message>
        <source>Export the recording</source>
        <translation>导出录像</translation>
    </message>
    <message>
        <source>MP4 video (*.mp4)</source>
        <translation>MP4 视频 (*.mp4)</translation>
    </message>
    <message>
        <source>Exporting to {path}…</source>
        <translation>正在导出到 {path}……</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Could not export: {reason} {next_step}</source>
        <translation>无法导出：{reason} {next_step}</translation>
    </message>
</context>
<context>
    <name>ScoreLegend</name>
    <message>
        <source>You:</source>
        <extracomment>Grey of a part not judged (as ``pipeline.replay.NOT_JUDGED_COLOR``). The red of the Break It Down outline (as ``limb_outline.OUTLINE_RGB``).</extracomment>
        <translation>你：</translation>
    </message>
    <message>
        <source>good</source>
        <translation>好</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>off</source>
        <translation>不准</translation>
    </message>
    <message>
        <source>not judged</source>
        <translation>未评分</translation>
    </message>
    <message>
        <source>pro: which part is which</source>
        <translation>老师：标出各个部位</translation>
    </message>
    <message>
        <source>red outline: the part to practise</source>
        <translation>红色轮廓：要练的部位</translation>
    </message>
    <message>
        <source>Your body parts are coloured by how well each matches the pro; grey parts are not judged (one of the videos does not show them).</source>
        <translation>你身体各部位的颜色表示与老师的吻合程度；灰色部位未评分（其中一段视频里看不到它们）。</translation>
    </message>
    <message>
        <source>Colour key</source>
        <translation>颜色说明</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
</context>
<context>
    <name>ScoreRing</name>
    <message>
        <source>Score</source>
        <extracomment>The timeline&apos;s score levels: the middle one dashed. Width (px) of the ring a painted widget draws round itself while it has the keyboard focus.</extracomment>
        <translation>得分</translation>
    </message>
    <message>
        <source>Grade {grade}</source>
        <translation>等级 {grade}</translation>
    </message>
    <message>
        <source>No score</source>
        <translation>无得分</translation>
    </message>
    <message>
        <source>{score}, {detail}</source>
        <translation>{score}，{detail}</translation>
    </message>
</context>
<context>
    <name>StageWidget</name>
    <message>
        <source>YOU</source>
        <extracomment>The ghost&apos;s colour (RGB) and strengths: a pale fill with a bright rim reads on any background. How long a rating pop-up stays (seconds), of which the last part fades. The camera picture is drawn at about the size it is ever shown (half the stage at most): a 720p webcam frame is halved before the overlays are drawn on it, since they cost per pixel (measured: the ghost and the part colours took 75% of the GUI thread at 720p, 13 pictures a second).</extracomment>
        <translation>你</translation>
    </message>
    <message>
        <source>Waiting for the picture…</source>
        <translation>等待画面……</translation>
    </message>
    <message>
        <source>Dance stage</source>
        <translation>舞台</translation>
    </message>
    <message>
        <source>The pro&apos;s video and your camera picture</source>
        <translation>老师的视频和你的摄像头画面</translation>
    </message>
    <message>
        <source>PRO</source>
        <translation>老师</translation>
    </message>
    <message>
        <source>Stand where the camera sees all of you</source>
        <translation>站到摄像头能拍到你全身的位置</translation>
    </message>
</context>
<context>
    <name>TimelineChart</name>
    <message>
        <source>Your score through the dance</source>
        <translation>整支舞的得分变化</translation>
    </message>
    <message>
        <source>{rating} {score}</source>
        <translation>{rating} {score}</translation>
    </message>
    <message>
        <source>Move {number}: {rating}</source>
        <translation>第 {number} 个动作：{rating}</translation>
    </message>
    <message>
        <source>No moves to show</source>
        <translation>没有可显示的动作</translation>
    </message>
    <message>
        <source>{count} moves: use the arrow keys to choose one, Enter to watch it</source>
        <translation>共 {count} 个动作：用方向键选择，按回车观看</translation>
    </message>
    <message>
        <source>{move}, {number} of {count}: press Enter to watch it</source>
        <translation>{move}，第 {number} 个，共 {count} 个：按回车观看</translation>
    </message>
    <message>
        <source>{move} — click to watch it</source>
        <translation>{move}——点击观看</translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <source>Side by side</source>
        <extracomment>Narrower buttons than the rest of the app: two full rows of them fit a 1024 px window.</extracomment>
        <translation>并排</translation>
    </message>
    <message>
        <source>Picture in picture</source>
        <translation>画中画</translation>
    </message>
    <message>
        <source>Body parts</source>
        <translation>身体部位</translation>
    </message>
    <message>
        <source>Colour your body parts by how well each matches the pro</source>
        <translation>按与老师的吻合程度给你的身体部位上色</translation>
    </message>
    <message>
        <source>Ghost</source>
        <translation>虚影</translation>
    </message>
    <message>
        <source>The pro&apos;s outline laid over you</source>
        <translation>把老师的轮廓叠在你身上</translation>
    </message>
    <message>
        <source>Skeleton</source>
        <translation>骨架</translation>
    </message>
    <message>
        <source>Your joints and bones drawn over you</source>
        <translation>在你身上画出关节和骨架</translation>
    </message>
</context>
<context>
    <name>VideoPanel</name>
    <message>
        <source>Working out how long it takes… It plays here as soon as it is ready.</source>
        <translation>正在估算需要多久……生成好就会在这里播放。</translation>
    </message>
    <message>
        <source>Almost ready…</source>
        <translation>马上就好……</translation>
    </message>
    <message>
        <source>About {time} left · it plays here as soon as it is ready.</source>
        <translation>大约还要 {time} · 生成好就会在这里播放。</translation>
    </message>
    <message>
        <source>Replay</source>
        <extracomment>Seconds the arrow keys step the replay back or on.</extracomment>
        <translation>回放</translation>
    </message>
    <message>
        <source>Paused: press Space to play, the arrow keys to step back or on</source>
        <translation>已暂停：按空格播放，按方向键后退或前进</translation>
    </message>
    <message>
        <source>Playing: press Space to pause</source>
        <translation>播放中：按空格暂停</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Replay position</source>
        <translation>回放进度</translation>
    </message>
    <message>
        <source>Making your replay…</source>
        <translation>正在生成回放……</translation>
    </message>
    <message>
        <source>Making your replay</source>
        <translation>正在生成回放</translation>
    </message>
    <message>
        <source>It plays here as soon as it is ready.</source>
        <translation>生成好就会在这里播放。</translation>
    </message>
    <message>
        <source>The replay cannot be played here ({detail}).
Export it and open it in your video player.</source>
        <translation>这里无法播放回放（{detail}）。
请导出后用你的视频播放器打开。</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
</context>
<context>
    <name>WeakMoveCard</name>
    <message>
        <source>Click to watch this move in the replay</source>
        <translation>点击在回放中观看这个动作</translation>
    </message>
    <message>
        <source>Making the picture…</source>
        <translation>正在生成图片……</translation>
    </message>
    <message>
        <source>{rating}  {score}</source>
        <translation>{rating}  {score}</translation>
    </message>
    <message>
        <source>Move {number} · {span}</source>
        <translation>第 {number} 个动作 · {span}</translation>
    </message>
    <message>
        <source>Practise this move</source>
        <translation>练这个动作</translation>
    </message>
    <message>
        <source>Loop this move at half speed, with the part to fix outlined in red; each time round is scored</source>
        <translation>以半速循环这个动作，要改的部位用红色勾出；每一遍都会评分</translation>
    </message>
    <message>
        <source>Move {number}: {rating}</source>
        <translation>第 {number} 个动作：{rating}</translation>
    </message>
    <message>
        <source>Press Enter to watch this move in the replay.</source>
        <translation>按回车在回放中观看这个动作。</translation>
    </message>
    <message>
        <source>No picture</source>
        <translation>没有图片</translation>
    </message>
</context>
</TS>
