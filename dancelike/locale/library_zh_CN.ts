<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <source>The DanceLike desktop app.</source>
        <translation>DanceLike 桌面应用。</translation>
    </message>
    <message>
        <source>camera for this run: a device index, a video file, or demo</source>
        <translation>本次使用的摄像头：设备编号、视频文件或 demo</translation>
    </message>
    <message>
        <source>{error}; using the default data folder this time</source>
        <translation>{error}；本次改用默认数据文件夹</translation>
    </message>
    <message>
        <source>Cannot use the chosen data folder</source>
        <translation>无法使用所选的数据文件夹</translation>
    </message>
    <message>
        <source>DanceLike uses the default data folder this time. Choose another folder in Settings.</source>
        <translation>DanceLike 本次使用默认数据文件夹。请在设置中另选一个文件夹。</translation>
    </message>
    <message>
        <source>{sentence}.</source>
        <translation>{sentence}。</translation>
    </message>
    <message>
        <source>DanceLike ran into a problem. A crash report was written to:
{path}</source>
        <translation>DanceLike 遇到了问题。崩溃报告已保存到：
{path}</translation>
    </message>
    <message>
        <source>DanceLike ran into a problem</source>
        <translation>DanceLike 遇到了问题</translation>
    </message>
    <message>
        <source>Open the folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Please attach it when you report the problem.</source>
        <translation>反馈问题时，请附上这份报告。</translation>
    </message>
    <message>
        <source>DanceLike is already open</source>
        <translation>DanceLike 已经打开了</translation>
    </message>
    <message>
        <source>Only one DanceLike can use a data folder at a time.</source>
        <translation>同一个数据文件夹一次只能由一个 DanceLike 使用。</translation>
    </message>
    <message>
        <source>DanceLike cannot start</source>
        <translation>DanceLike 无法启动</translation>
    </message>
    <message>
        <source>Free some disk space, then start DanceLike again.</source>
        <translation>请腾出一些磁盘空间，然后重新启动 DanceLike。</translation>
    </message>
    <message>
        <source>Set DANCELIKE_HOME to a folder you can write to, then start DanceLike again.</source>
        <translation>请把 DANCELIKE_HOME 设为一个你有写入权限的文件夹，然后重新启动 DanceLike。</translation>
    </message>
</context>
<context>
    <name>CalibrationDialog</name>
    <message>
        <source>Stand back so your hands are in view. Clap on each of the {beats} beats after the count-in.</source>
        <translation>往后站，让双手进入画面。预备拍之后，跟着 {beats} 拍每拍拍一次手。</translation>
    </message>
    <message>
        <source>Calibrate latency</source>
        <extracomment>Preview refresh (milliseconds): the newest frame is pulled, never pushed per frame.</extracomment>
        <translation>校准延迟</translation>
    </message>
    <message>
        <source>The demo dancer does not clap along: connect a webcam to calibrate it.</source>
        <translation>示范舞者不会跟着拍手：请连接摄像头后再校准。</translation>
    </message>
    <message>
        <source>{camera} · delay now {delay} s</source>
        <translation>{camera} · 当前延迟 {delay} s</translation>
    </message>
    <message>
        <source>Opening the camera…</source>
        <translation>正在打开摄像头……</translation>
    </message>
    <message>
        <source>Camera preview</source>
        <translation>摄像头预览</translation>
    </message>
    <message>
        <source>Press Start when you are ready.</source>
        <translation>准备好了就点“开始”。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>再试一次</translation>
    </message>
    <message>
        <source>Get ready…</source>
        <translation>准备……</translation>
    </message>
    <message>
        <source>Listen… {number}</source>
        <translation>听节拍…… {number}</translation>
    </message>
    <message>
        <source>Clap! {number}</source>
        <translation>拍手！{number}</translation>
    </message>
    <message>
        <source>Measuring…</source>
        <translation>正在测量……</translation>
    </message>
    <message>
        <source>{message} ({matched} of {beats} claps)</source>
        <translation>{message}（{beats} 拍中识别到 {matched} 次拍手）</translation>
    </message>
    <message>
        <source>Let&apos;s try that again</source>
        <translation>我们再试一次</translation>
    </message>
    <message>
        <source>The calibration failed ({kind}: {detail})</source>
        <translation>校准失败（{kind}：{detail}）</translation>
    </message>
</context>
<context>
    <name>ChoreographyCard</name>
    <message>
        <source>DEMO</source>
        <extracomment>A picture narrower than this (width / height) is shown whole rather than cropped to the card: a phone&apos;s vertical video cropped to 16:9 keeps a third of its height and cuts the heads off. Where a cropped picture is cut: 0 keeps the top, 0.5 the middle. Dancers&apos; heads are high up.</extracomment>
        <translation>示范</translation>
    </message>
    <message>
        <source>Dance</source>
        <translation>开跳</translation>
    </message>
    <message>
        <source>Dance “{title}”</source>
        <translation>开跳“{title}”</translation>
    </message>
    <message>
        <source>Choose the dancer, score a class, rename or delete</source>
        <translation>选择舞者、给班级评分、重命名或删除</translation>
    </message>
    <message>
        <source>Score a class, rename or delete</source>
        <translation>给班级评分、重命名或删除</translation>
    </message>
    <message>
        <source>More for “{title}”</source>
        <translation>“{title}”的更多操作</translation>
    </message>
    <message>
        <source>Length {length}.</source>
        <translation>时长 {length}。</translation>
    </message>
    <message>
        <source>Not danced yet.</source>
        <translation>还没跳过。</translation>
    </message>
    <message>
        <source>Best score {score}.</source>
        <translation>最高分 {score}。</translation>
    </message>
    <message>
        <source>Press Enter to dance, or the menu key for more.</source>
        <translation>按回车键开跳，按菜单键查看更多操作。</translation>
    </message>
    <message>
        <source>Not danced yet</source>
        <translation>还没跳过</translation>
    </message>
    <message>
        <source>1 session</source>
        <translation>练习 1 次</translation>
    </message>
    <message>
        <source>{count} sessions</source>
        <translation>练习 {count} 次</translation>
    </message>
    <message>
        <source>Best {score}</source>
        <translation>最高 {score}</translation>
    </message>
    <message>
        <source>Choose dancer…</source>
        <translation>选择舞者……</translation>
    </message>
    <message>
        <source>Score a class…</source>
        <translation>给班级评分……</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名……</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除……</translation>
    </message>
</context>
<context>
    <name>ClassDialog</name>
    <message>
        <source>Score a class — {title}</source>
        <translation>给班级评分 — {title}</translation>
    </message>
    <message>
        <source>Score a class against “{title}”</source>
        <translation>按“{title}”给班级评分</translation>
    </message>
    <message>
        <source>Add your students&apos; videos, a folder of them, or one video of the whole class (every dancer in it gets a row, numbered from the left). Each is scored against this dance on this computer.</source>
        <translation>添加学员的视频、一个装着视频的文件夹，或一段全班一起跳的视频（其中每位舞者占一行，从左往右编号）。每段视频都会在这台电脑上对照这支舞评分。</translation>
    </message>
    <message>
        <source>Add videos…</source>
        <translation>添加视频……</translation>
    </message>
    <message>
        <source>Add a folder…</source>
        <translation>添加文件夹……</translation>
    </message>
    <message>
        <source>Add a group video…</source>
        <translation>添加合跳视频……</translation>
    </message>
    <message>
        <source>Every dancer in a video is a row</source>
        <translation>视频中每位舞者各占一行</translation>
    </message>
    <message>
        <source>For a video of the whole class: each dancer is scored on their own</source>
        <translation>适用于全班合跳的视频：每位舞者单独评分</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>更改……</translation>
    </message>
    <message>
        <source>Change where the results go</source>
        <translation>更改结果的保存位置</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV……</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <source>Export HTML…</source>
        <translation>导出 HTML……</translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation>网页 (*.html)</translation>
    </message>
    <message>
        <source>Open results</source>
        <translation>查看结果</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Choose the students&apos; videos</source>
        <translation>选择学员的视频</translation>
    </message>
    <message>
        <source>Choose a folder of videos</source>
        <translation>选择视频所在的文件夹</translation>
    </message>
    <message>
        <source>Choose a video of the whole class</source>
        <translation>选择全班合跳的视频</translation>
    </message>
    <message>
        <source>Where the class&apos;s results go</source>
        <translation>班级结果的保存位置</translation>
    </message>
    <message>
        <source>Reading the dance…</source>
        <translation>正在读取舞蹈……</translation>
    </message>
    <message>
        <source>Stopping after the videos being scored now…</source>
        <translation>正在评分的视频完成后就停止……</translation>
    </message>
    <message>
        <source>{done} of {total} scored</source>
        <translation>已评分 {done}/{total}</translation>
    </message>
    <message>
        <source>Cancelled: {scored} scored · {failed} could not be scored: {files} · ranked by score</source>
        <translation>已取消：{scored} 个已评分 · {failed} 个无法评分：{files} · 按得分排名</translation>
    </message>
    <message>
        <source>Cancelled: {scored} scored · ranked by score</source>
        <translation>已取消：{scored} 个已评分 · 按得分排名</translation>
    </message>
    <message>
        <source>Done: {scored} scored · {failed} could not be scored: {files} · ranked by score</source>
        <translation>完成：{scored} 个已评分 · {failed} 个无法评分：{files} · 按得分排名</translation>
    </message>
    <message>
        <source>Done: {scored} scored · ranked by score</source>
        <translation>完成：{scored} 个已评分 · 按得分排名</translation>
    </message>
    <message>
        <source>{title} class {date}</source>
        <translation>{title} 班级 {date}</translation>
    </message>
    <message>
        <source>Export the class&apos;s results</source>
        <translation>导出班级结果</translation>
    </message>
    <message>
        <source>Exported {path}</source>
        <translation>已导出 {path}</translation>
    </message>
    <message>
        <source>Could not export: {error}</source>
        <translation>导出失败：{error}</translation>
    </message>
    <message>
        <source>Score 1 video</source>
        <translation>评分 1 个视频</translation>
    </message>
    <message>
        <source>Score {count} videos</source>
        <translation>评分 {count} 个视频</translation>
    </message>
    <message>
        <source>Results go to {folder}</source>
        <translation>结果保存到 {folder}</translation>
    </message>
    <message>
        <source>Add the videos to score.</source>
        <translation>请添加要评分的视频。</translation>
    </message>
</context>
<context>
    <name>ClassReportDialog</name>
    <message>
        <source>{title} — results</source>
        <translation>{title} — 结果</translation>
    </message>
    <message>
        <source>The parts</source>
        <translation>各部位</translation>
    </message>
    <message>
        <source>The score through the dance</source>
        <translation>整支舞的得分变化</translation>
    </message>
    <message>
        <source>Moves to practise</source>
        <translation>要多练的动作</translation>
    </message>
    <message>
        <source>Shapes {shape} · timing {timing}</source>
        <translation>动作 {shape} · 节奏 {timing}</translation>
    </message>
</context>
<context>
    <name>ClassTable</name>
    <message>
        <source>Queued</source>
        <extracomment>Rows saying &quot;Scoring…&quot;: the local engine analyses one video while it scores the one before. The height of a row&apos;s picture: a face should be recognisable at a glance.</extracomment>
        <translation>排队中</translation>
    </message>
    <message>
        <source>Scoring…</source>
        <translation>评分中……</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Not scored (cancelled)</source>
        <translation>未评分（已取消）</translation>
    </message>
    <message>
        <source>Not this dance</source>
        <translation>不是这支舞</translation>
    </message>
    <message>
        <source>Nothing: every move GOOD</source>
        <translation>无：每个动作都不错</translation>
    </message>
    <message>
        <source>{where}: {what}</source>
        <translation>{where}：{what}</translation>
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
        <source>To practise</source>
        <translation>要多练</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>The class&apos;s videos</source>
        <translation>班级的视频</translation>
    </message>
    <message>
        <source>{file} · dancer {number}</source>
        <translation>{file} · {number} 号舞者</translation>
    </message>
    <message>
        <source>Error: {error}</source>
        <translation>出错：{error}</translation>
    </message>
    <message>
        <source>{rating} {score} · move {number} · {where}</source>
        <translation>{rating} {score} · 第 {number} 个动作 · {where}</translation>
    </message>
</context>
<context>
    <name>DancerPicker</name>
    <message>
        <source>most in view</source>
        <extracomment>More tiles than this scroll sideways (six dancers at most are found). Within this share of the best, a dancer counts as &quot;most in view&quot; / &quot;the largest&quot; too. Hips within this share of the picture&apos;s half-width from its middle are &quot;near the centre&quot;.</extracomment>
        <translation>出镜最多</translation>
    </message>
    <message>
        <source>near the centre</source>
        <translation>靠近画面中央</translation>
    </message>
    <message>
        <source>the largest</source>
        <translation>画面中最大</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>the best mix of time in view, place and size</source>
        <translation>出镜时间、位置和大小综合最佳</translation>
    </message>
    <message>
        <source>Suggested</source>
        <translation>推荐</translation>
    </message>
    <message>
        <source>Picked for you from how long each dancer is in view, how near the middle and how large</source>
        <translation>根据每位舞者的出镜时长、离画面中央的远近和大小为你挑选</translation>
    </message>
    <message>
        <source>Selected.</source>
        <translation>已选中。</translation>
    </message>
    <message>
        <source>Choose a dancer</source>
        <translation>选择舞者</translation>
    </message>
    <message>
        <source>Whom do you want to learn from?</source>
        <translation>你想跟谁学？</translation>
    </message>
    <message>
        <source>“{title}” has {count} dancers. Pick the one to follow: you are scored against their moves. You can change it later from the card&apos;s ⋯ menu.</source>
        <translation>“{title}”里有 {count} 位舞者。选一位来跟跳：系统会对照这位舞者的动作给你评分。之后可以在卡片的 ⋯ 菜单里更改。</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>以后再说</translation>
    </message>
    <message>
        <source>Follow Dancer {number}</source>
        <translation>跟 {number} 号舞者学</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>Date</source>
        <extracomment>The columns by name (the code&apos;s); ``COLUMN_TITLES`` are what the header says (translated where shown).</extracomment>
        <translation>日期</translation>
    </message>
    <message>
        <source>Choreography</source>
        <translation>舞蹈</translation>
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
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Stopped early</source>
        <translation>提前结束</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Recovered</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Jan</source>
        <extracomment>Month names for dates (not the C library&apos;s: its locale is not the app&apos;s language).</extracomment>
        <translation>1月</translation>
    </message>
    <message>
        <source>Feb</source>
        <translation>2月</translation>
    </message>
    <message>
        <source>Mar</source>
        <translation>3月</translation>
    </message>
    <message>
        <source>Apr</source>
        <translation>4月</translation>
    </message>
    <message>
        <source>May</source>
        <translation>5月</translation>
    </message>
    <message>
        <source>Jun</source>
        <translation>6月</translation>
    </message>
    <message>
        <source>Jul</source>
        <translation>7月</translation>
    </message>
    <message>
        <source>Aug</source>
        <translation>8月</translation>
    </message>
    <message>
        <source>Sep</source>
        <translation>9月</translation>
    </message>
    <message>
        <source>Oct</source>
        <translation>10月</translation>
    </message>
    <message>
        <source>Nov</source>
        <translation>11月</translation>
    </message>
    <message>
        <source>Dec</source>
        <translation>12月</translation>
    </message>
    <message>
        <source>{day} {month_name}, {time}</source>
        <translation>{month}月{day}日 {time}</translation>
    </message>
    <message>
        <source>{day} {month_name} {year}, {time}</source>
        <translation>{year}年{month}月{day}日 {time}</translation>
    </message>
    <message>
        <source>{Choreography}, {Date}: no score, {Status}</source>
        <translation>{Choreography}，{Date}：没有得分，{Status}</translation>
    </message>
    <message>
        <source>{Choreography}, {Date}: score {Score}, grade {Grade}, {Status}</source>
        <translation>{Choreography}，{Date}：得分 {Score}，等级 {Grade}，{Status}</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除……</translation>
    </message>
    <message>
        <source>Delete the selected session, its recording and replay</source>
        <translation>删除选中的练习及其录像和回放</translation>
    </message>
    <message>
        <source>Open results</source>
        <translation>查看结果</translation>
    </message>
    <message>
        <source>Your sessions</source>
        <translation>你的练习</translation>
    </message>
    <message>
        <source>Arrow keys choose a session; Enter opens its results, Delete deletes it.</source>
        <translation>用方向键选择练习；按回车键查看结果，按 Delete 键删除。</translation>
    </message>
    <message>
        <source>No sessions yet. Dance a choreography from the Library and your scores will appear here.</source>
        <translation>还没有练习记录。去舞蹈库跳一支舞，你的得分就会出现在这里。</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进步</translation>
    </message>
    <message>
        <source>Choreography shown in the progress chart</source>
        <translation>进步图表中显示的舞蹈</translation>
    </message>
    <message>
        <source>1 session</source>
        <translation>1 次练习</translation>
    </message>
    <message>
        <source>{count} sessions</source>
        <translation>{count} 次练习</translation>
    </message>
    <message>
        <source>{sessions} · best {best} · double-click one to see its results</source>
        <translation>{sessions} · 最高 {best} · 双击一条查看结果</translation>
    </message>
    <message>
        <source>{sessions} · double-click one to see its results</source>
        <translation>{sessions} · 双击一条查看结果</translation>
    </message>
    <message>
        <source>Your sessions and how you are improving.</source>
        <translation>你的练习记录和进步情况。</translation>
    </message>
    <message>
        <source>Your progress appears here once you have danced.</source>
        <translation>跳过之后，你的进步会显示在这里。</translation>
    </message>
    <message>
        <source>No scores yet for this choreography.</source>
        <translation>这支舞还没有得分。</translation>
    </message>
    <message>
        <source>Delete your session of “{title}” from {when}?</source>
        <translation>删除你在 {when} 练习“{title}”的记录吗？</translation>
    </message>
    <message>
        <source>Delete your session of “{title}” from {when} (score {score})?</source>
        <translation>删除你在 {when} 练习“{title}”的记录（得分 {score}）吗？</translation>
    </message>
    <message>
        <source>Delete session</source>
        <translation>删除练习</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Its score, recording and replay are deleted from this computer. It cannot be undone.</source>
        <translation>它的得分、录像和回放将从这台电脑上删除，且无法撤销。</translation>
    </message>
    <message>
        <source>Cannot delete the session</source>
        <translation>无法删除这次练习</translation>
    </message>
</context>
<context>
    <name>LibraryView</name>
    <message>
        <source>Choose a video file DanceLike can play (MP4, MOV, MKV, WebM or AVI), or re-export it and try again.</source>
        <extracomment>Cards are at least this many text lines wide (about 280 px at 13 pt, twice that on a 2x screen).</extracomment>
        <translation>请选择 DanceLike 能播放的视频文件（MP4、MOV、MKV、WebM 或 AVI），或重新导出后再试。</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>舞蹈库</translation>
    </message>
    <message>
        <source>Import video…</source>
        <translation>导入视频……</translation>
    </message>
    <message>
        <source>Copy a dance video into DanceLike and analyse it (you can also drop files here)</source>
        <translation>把舞蹈视频复制到 DanceLike 并进行分析（也可以把文件拖到这里）</translation>
    </message>
    <message>
        <source>Your dances</source>
        <translation>你的舞蹈</translation>
    </message>
    <message>
        <source>Pick a dance to learn, or import your own video.</source>
        <translation>选一支舞开始学，或导入你自己的视频。</translation>
    </message>
    <message>
        <source>1 choreography · pick one and press Dance</source>
        <translation>1 支舞 · 选一支，点“开跳”</translation>
    </message>
    <message>
        <source>{count} choreographies · pick one and press Dance</source>
        <translation>{count} 支舞 · 选一支，点“开跳”</translation>
    </message>
    <message>
        <source>Your first dance is on its way</source>
        <translation>你的第一支舞马上就来</translation>
    </message>
    <message>
        <source>The demo appears here in a moment. Meanwhile you can import your own video, or drop one here.</source>
        <translation>示范舞蹈稍后就会出现在这里。你也可以先导入自己的视频，或把视频拖到这里。</translation>
    </message>
    <message>
        <source>Your library is empty</source>
        <translation>舞蹈库还是空的</translation>
    </message>
    <message>
        <source>Import a dance video, or drop one here, to start learning it.</source>
        <translation>导入一段舞蹈视频，或把视频拖到这里，就能开始学了。</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>New name for this choreography:</source>
        <translation>这支舞的新名称：</translation>
    </message>
    <message>
        <source>Cannot rename</source>
        <translation>无法重命名</translation>
    </message>
    <message>
        <source>This deletes its video from this computer. It cannot be undone.</source>
        <translation>这会从这台电脑上删除它的视频，且无法撤销。</translation>
    </message>
    <message>
        <source>This deletes its video and its session (scores, recordings and replays) from this computer. It cannot be undone.</source>
        <translation>这会从这台电脑上删除它的视频和练习记录（得分、录像和回放），且无法撤销。</translation>
    </message>
    <message>
        <source>This deletes its video and all {count} of its sessions (scores, recordings and replays) from this computer. It cannot be undone.</source>
        <translation>这会从这台电脑上删除它的视频和全部 {count} 次练习记录（得分、录像和回放），且无法撤销。</translation>
    </message>
    <message>
        <source>Delete choreography</source>
        <translation>删除舞蹈</translation>
    </message>
    <message>
        <source>Delete “{title}”?</source>
        <translation>删除“{title}”吗？</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Cannot delete</source>
        <translation>无法删除</translation>
    </message>
    <message>
        <source>Cannot choose a dancer</source>
        <translation>无法选择舞者</translation>
    </message>
    <message>
        <source>Import dance videos</source>
        <translation>导入舞蹈视频</translation>
    </message>
    <message>
        <source>Importing {file}</source>
        <translation>正在导入 {file}</translation>
    </message>
    <message>
        <source>Waiting for the import before it…</source>
        <translation>等待前一个导入完成……</translation>
    </message>
    <message>
        <source>Copying the video and analysing the dance. You can keep browsing.</source>
        <translation>正在复制视频并分析舞蹈。你可以继续浏览。</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消……</translation>
    </message>
    <message>
        <source>Could not import {file}: {error}</source>
        <translation>无法导入 {file}：{error}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Library</source>
        <extracomment>The sidebar&apos;s pages: name, label (translated where shown), object name, shortcut.</extracomment>
        <translation>舞蹈库</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>导航</translation>
    </message>
    <message>
        <source>Learn any dance</source>
        <translation>什么舞都能学</translation>
    </message>
    <message>
        <source>{page} ({keys})</source>
        <translation>{page}（{keys}）</translation>
    </message>
    <message>
        <source>Shows the {page} page. Shortcut: {keys}</source>
        <translation>打开“{page}”页面。快捷键：{keys}</translation>
    </message>
    <message>
        <source>Everything stays on this computer.</source>
        <translation>所有内容都只保存在这台电脑上。</translation>
    </message>
    <message>
        <source>Choreography not found</source>
        <translation>找不到这支舞</translation>
    </message>
    <message>
        <source>This choreography is no longer in the library.</source>
        <translation>这支舞已不在舞蹈库中。</translation>
    </message>
    <message>
        <source>Pick another one in the Library.</source>
        <translation>请在舞蹈库中另选一支。</translation>
    </message>
    <message>
        <source>Cannot start the dance</source>
        <translation>无法开始跳舞</translation>
    </message>
    <message>
        <source>Your history was repaired</source>
        <translation>你的历史记录已修复</translation>
    </message>
    <message>
        <source>Recovering the session DanceLike was recording when it closed…</source>
        <translation>正在恢复 DanceLike 关闭时正在录制的练习……</translation>
    </message>
    <message>
        <source>Recovering your last session</source>
        <translation>正在恢复你上一次的练习</translation>
    </message>
    <message>
        <source>Recovered your last session.</source>
        <translation>已恢复你上一次的练习。</translation>
    </message>
    <message>
        <source>DanceLike closed while you were dancing; your recording was kept and scored ({scores}). Find it in History.</source>
        <translation>你跳舞时 DanceLike 关闭了；录像已保留并完成评分（{scores}）。可以在历史记录中找到它。</translation>
    </message>
    <message>
        <source>DanceLike closed while you were dancing; your recording was kept and scored. Find it in History.</source>
        <translation>你跳舞时 DanceLike 关闭了；录像已保留并完成评分。可以在历史记录中找到它。</translation>
    </message>
    <message>
        <source>Recovered your last session</source>
        <translation>已恢复你上一次的练习</translation>
    </message>
    <message>
        <source>{reasons}. The session is listed in History as failed.</source>
        <translation>{reasons}。这次练习在历史记录中标记为失败。</translation>
    </message>
    <message>
        <source>The session is listed in History as failed.</source>
        <translation>这次练习在历史记录中标记为失败。</translation>
    </message>
    <message>
        <source>Your last session could not be recovered</source>
        <translation>无法恢复你上一次的练习</translation>
    </message>
    <message>
        <source>DanceLike closed while you were dancing and nothing playable was recorded.</source>
        <translation>你跳舞时 DanceLike 关闭了，没有录下可播放的内容。</translation>
    </message>
    <message>
        <source>Cannot recover the last session</source>
        <translation>无法恢复上一次的练习</translation>
    </message>
    <message>
        <source>Preparing the demo dance</source>
        <translation>正在准备示范舞蹈</translation>
    </message>
    <message>
        <source>First launch only: drawing the dancer and analysing the moves.</source>
        <translation>仅首次启动时需要：正在绘制舞者并分析动作。</translation>
    </message>
    <message>
        <source>Could not prepare the demo dance: {error}</source>
        <translation>无法准备示范舞蹈：{error}</translation>
    </message>
    <message>
        <source>{next_step} It is tried again at the next launch.</source>
        <translation>{next_step}下次启动时会再试一次。</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>Videos ({patterns})</source>
        <translation>视频 ({patterns})</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>The disk is full.</source>
        <translation>磁盘已满。</translation>
    </message>
    <message>
        <source>Permission denied: {file}.</source>
        <translation>没有权限：{file}。</translation>
    </message>
    <message>
        <source>Permission denied.</source>
        <translation>没有权限。</translation>
    </message>
    <message>
        <source>This file or folder is not there: {file}.</source>
        <translation>找不到这个文件或文件夹：{file}。</translation>
    </message>
    <message>
        <source>A file or folder is not there.</source>
        <translation>找不到某个文件或文件夹。</translation>
    </message>
    <message>
        <source>This drive is read-only.</source>
        <translation>这个磁盘是只读的。</translation>
    </message>
    <message>
        <source>The computer ran out of memory.</source>
        <translation>电脑内存不足。</translation>
    </message>
    <message>
        <source>Something unexpected went wrong ({kind}: {detail}).</source>
        <translation>出现了意外错误（{kind}：{detail}）。</translation>
    </message>
    <message>
        <source>Free some disk space (or choose another data folder in Settings), then try again.</source>
        <translation>请腾出一些磁盘空间（或在设置中另选数据文件夹），然后再试一次。</translation>
    </message>
    <message>
        <source>Check the file or setting it names, then try again.</source>
        <translation>请检查提示中的文件或设置，然后再试一次。</translation>
    </message>
    <message>
        <source>The installation is incomplete: reinstall DanceLike (make setup) and start it again.</source>
        <translation>安装不完整：请重新安装 DanceLike（make setup）后再启动。</translation>
    </message>
    <message>
        <source>Close other programs, or use a shorter video, then try again.</source>
        <translation>请关闭其他程序，或换一段更短的视频，然后再试一次。</translation>
    </message>
    <message>
        <source>Try again; if it keeps happening, restart DanceLike.</source>
        <translation>请再试一次；如果一直出现，请重启 DanceLike。</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>QtAudio</name>
    <message>
        <source>No audio output found: playing silently in time with the clock.</source>
        <extracomment>Audio states and errors (``QtAudio`` since Qt 6.7; ``QAudio`` before). Said when there is no sound card (translated where it is made: ``make_audio_sink``).</extracomment>
        <translation>没有找到音频输出设备：将按时钟静音播放。</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>No webcam found: the demo dancer dances for you.</source>
        <extracomment>Said when &quot;auto&quot; finds no webcam (translated where shown: ``resolved_camera`` returns it so).</extracomment>
        <translation>没有找到摄像头：由示范舞者替你跳。</translation>
    </message>
    <message>
        <source>Camera: the demo dancer</source>
        <extracomment>What the status bar says for the drawn cameras (translated where shown).</extracomment>
        <translation>摄像头：示范舞者</translation>
    </message>
    <message>
        <source>Camera: two demo dancers</source>
        <translation>摄像头：两位示范舞者</translation>
    </message>
    <message>
        <source>Camera: the clapper</source>
        <translation>摄像头：拍手示范</translation>
    </message>
    <message>
        <source>Camera {index}</source>
        <translation>摄像头 {index}</translation>
    </message>
    <message>
        <source>Camera: {file} (a video file)</source>
        <translation>摄像头：{file}（视频文件）</translation>
    </message>
    <message>
        <source>Camera: {name}</source>
        <translation>摄像头：{name}</translation>
    </message>
    <message>
        <source>Camera {index} is not connected: the demo dancer dances for you.</source>
        <translation>摄像头 {index} 未连接：由示范舞者替你跳。</translation>
    </message>
    <message>
        <source>The video file set as the camera ({file}) is not there any more: the demo dancer dances for you.</source>
        <translation>设为摄像头的视频文件（{file}）已不在了：由示范舞者替你跳。</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <source>Automatic: DanceLike works it out</source>
        <translation>自动：由 DanceLike 判断</translation>
    </message>
    <message>
        <source>Mirror: I face the screen and copy like a mirror</source>
        <translation>镜像：我面对屏幕，像照镜子一样跟跳</translation>
    </message>
    <message>
        <source>No mirror: my left is the dancer&apos;s left</source>
        <translation>不镜像：我的左边就是舞者的左边</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Saved as you change them.</source>
        <translation>更改后自动保存。</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <source>Mirror</source>
        <translation>镜像</translation>
    </message>
    <message>
        <source>Calibrate latency…</source>
        <translation>校准延迟……</translation>
    </message>
    <message>
        <source>Latency calibration is not available in this version of DanceLike.</source>
        <translation>这个版本的 DanceLike 不支持延迟校准。</translation>
    </message>
    <message>
        <source>Clap along to eight beats so DanceLike can measure your camera&apos;s delay</source>
        <translation>跟着 8 拍拍手，让 DanceLike 测出摄像头的延迟</translation>
    </message>
    <message>
        <source>Dancing</source>
        <translation>跳舞</translation>
    </message>
    <message>
        <source>Record my sessions</source>
        <translation>录下我的练习</translation>
    </message>
    <message>
        <source>Recordings make the side-by-side replay, and let DanceLike recover a session if it closes mid-dance. They stay on this computer.</source>
        <translation>录像用于生成并排对比回放，DanceLike 中途关闭时也能靠它恢复练习。录像只保存在这台电脑上。</translation>
    </message>
    <message>
        <source>1 (recommended)</source>
        <translation>1（推荐）</translation>
    </message>
    <message>
        <source>2 (faster computers)</source>
        <translation>2（适合较快的电脑）</translation>
    </message>
    <message>
        <source>Model threads</source>
        <translation>模型线程数</translation>
    </message>
    <message>
        <source>Threads each pose model may use. This computer has {cores} cores; two models run at once while you dance.</source>
        <translation>每个姿态模型可使用的线程数。这台电脑有 {cores} 个核心；跳舞时会同时运行两个模型。</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>更改……</translation>
    </message>
    <message>
        <source>Use default</source>
        <translation>使用默认</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>System ({language})</source>
        <translation>跟随系统（{language}）</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>立即重启</translation>
    </message>
    <message>
        <source>Open DanceLike again in the language chosen</source>
        <translation>用所选语言重新打开 DanceLike</translation>
    </message>
    <message>
        <source>Automatic: first webcam, else the demo dancer</source>
        <translation>自动：优先用摄像头，没有就用示范舞者</translation>
    </message>
    <message>
        <source>Demo dancer (no webcam needed)</source>
        <translation>示范舞者（无需摄像头）</translation>
    </message>
    <message>
        <source>Camera {index}</source>
        <translation>摄像头 {index}</translation>
    </message>
    <message>
        <source>Camera {index} (not found)</source>
        <translation>摄像头 {index}（未找到）</translation>
    </message>
    <message>
        <source>Video file: {file}</source>
        <translation>视频文件：{file}</translation>
    </message>
    <message>
        <source>Video file…</source>
        <translation>视频文件……</translation>
    </message>
    <message>
        <source>Only a webcam has a resolution to choose.</source>
        <translation>只有摄像头可以选择分辨率。</translation>
    </message>
    <message>
        <source>Latency of {camera}: {delay}, subtracted from your timing.</source>
        <translation>{camera}的延迟：{delay}，会从你的节奏中扣除。</translation>
    </message>
    <message>
        <source>Latency of {camera}: not calibrated yet. Calibrate so “late” means you, not the camera.</source>
        <translation>{camera}的延迟：尚未校准。校准后，“慢了”说的就是你，而不是摄像头。</translation>
    </message>
    <message>
        <source>In use: {folder}</source>
        <translation>当前使用：{folder}</translation>
    </message>
    <message>
        <source>Next launch: {folder}. This takes effect after you restart DanceLike.</source>
        <translation>下次启动：{folder}。重启 DanceLike 后生效。</translation>
    </message>
    <message>
        <source>Set by DANCELIKE_HOME for this run.</source>
        <translation>本次运行由 DANCELIKE_HOME 指定。</translation>
    </message>
    <message>
        <source>Your library, sessions and recordings live here. A new folder takes effect after you restart DanceLike.</source>
        <translation>你的舞蹈库、练习记录和录像都保存在这里。更换文件夹后需重启 DanceLike 才会生效。</translation>
    </message>
    <message>
        <source>DanceLike speaks this language now.</source>
        <translation>DanceLike 当前正在使用这种语言。</translation>
    </message>
    <message>
        <source>DanceLike speaks {language} from the next start.</source>
        <translation>下次启动时，DanceLike 将切换为：{language}。</translation>
    </message>
    <message>
        <source>A video to use as the camera</source>
        <translation>选择用作摄像头的视频</translation>
    </message>
    <message>
        <source>Choose the data folder</source>
        <translation>选择数据文件夹</translation>
    </message>
    <message>
        <source>{folder}: DanceLike cannot write there.</source>
        <translation>{folder}：DanceLike 无法写入这里。</translation>
    </message>
    <message>
        <source>Cannot use this folder</source>
        <translation>无法使用这个文件夹</translation>
    </message>
    <message>
        <source>Choose a folder you can write to.</source>
        <translation>请选择一个你有写入权限的文件夹。</translation>
    </message>
    <message>
        <source>Calibration is not available</source>
        <translation>无法进行校准</translation>
    </message>
    <message>
        <source>Opening the camera…</source>
        <translation>正在打开摄像头……</translation>
    </message>
    <message>
        <source>Showing {camera} ({size}).</source>
        <translation>正在显示{camera}（{size}）。</translation>
    </message>
    <message>
        <source>Choose another camera, or check that no other app is using this one.</source>
        <translation>请换一个摄像头，或确认没有其他应用正在使用它。</translation>
    </message>
    <message>
        <source>The camera stopped.</source>
        <translation>摄像头停止了。</translation>
    </message>
    <message>
        <source>Choose the camera again to retry, or pick another one.</source>
        <translation>重新选择这个摄像头再试一次，或换一个。</translation>
    </message>
    <message>
        <source>Camera preview</source>
        <translation>摄像头预览</translation>
    </message>
</context>
<context>
    <name>TaskRow</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>almost done</source>
        <translation>马上就好</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>TimeLeft</name>
    <message>
        <source>about {minutes} min left</source>
        <extracomment>Arrow keys: how far each moves the focus (columns, rows).</extracomment>
        <translation>还剩约 {minutes} 分钟</translation>
    </message>
    <message>
        <source>a few seconds left</source>
        <extracomment>Seconds the job has to have run before anything is said.</extracomment>
        <translation>还剩几秒</translation>
    </message>
    <message>
        <source>about {seconds} s left</source>
        <translation>还剩约 {seconds} 秒</translation>
    </message>
    <message>
        <source>about {hours} h {minutes} min left</source>
        <translation>还剩约 {hours} 小时 {minutes} 分钟</translation>
    </message>
</context>
</TS>
