"""Simplified Chinese demo text: the templates of en.py, in the same order."""

TEXT = {
    "months": [str(n) for n in range(1, 13)],
    "date": "{m}月{d}日",
    "departments": {
        "Environment": "环境局",
        "Health": "公共卫生服务中心",
        "Education": "教育局",
        "Transport": "交通局",
        "Water and sanitation": "供水公司",
        "Housing": "住房办公室",
        "Culture": "文化局",
        "Public safety": "公共安全办公室",
        "Economy and jobs": "经济发展办公室",
        "Digital services": "数字服务组",
        "Governance": "市议会",
        "International cooperation": "国际关系办公室",
    },
    "subjects": {
        "Environment": ["河岸植树", "空气质量监测网络"],
        "Health": ["冬季疫苗接种活动", "社区卫生中心开放时间"],
        "Education": ["小学午餐", "成人夜校课程"],
        "Transport": ["车站路新自行车道", "夜间公交服务"],
        "Water and sanitation": ["老城区供水管道更新", "新污水处理厂"],
        "Housing": ["住宅节能改造补贴", "原铁路货场经济适用房"],
        "Culture": ["公共图书馆夏季活动", "老市场大厅修复"],
        "Public safety": ["港口区路灯照明", "洪水预警系统"],
        "Economy and jobs": ["市中心小商户扶持", "青年学徒计划"],
        "Digital services": ["停车许可网上申请", "新增公共无线网络热点"],
        "Governance": ["预算草案", "参与式预算"],
        "International cooperation": ["友好城市合作", "学生交流项目"],
    },
    "roles": ["项目专员", "数据分析员", "宣传助理", "法律顾问", "项目工程师"],
    "news": [
        {
            "title": "{dept}发布{year}年{subject}报告",
            "summary": "报告介绍了本年度的工作和下一步安排。",
            "body": [
                "{dept}今天发布了关于{subject}的年度报告，介绍了过去十二个月开展的工作、支出情况和取得的成效。",
                "使用这项服务的居民比上一年更多，大多数街区的等候时间有所缩短。报告还列出了三项未完成的目标，并说明了原因。",
            ],
        },
        {
            "title": "{subject}工程开工",
            "summary": "工程于{date}开工，预计持续约四个月。",
            "body": [
                "{subject}工程将于{date}开工。{dept}将分阶段施工，尽量减少对居民的影响。",
                "附近居民将收到一封附有施工时间表的信件。如有疑问，可联系下方的联系人。",
            ],
        },
        {
            "title": "{dept}通过{subject}三年计划",
            "summary": "该计划与居民共同制定，每年进行评估。",
            "body": [
                "{dept}在本周的会议上通过了{subject}三年计划。该计划经过与居民和本地协会数月的讨论后制定。",
                "首批措施将于年底前实施，每年春季发布进展报告。",
            ],
        },
        {
            "title": "{year}年{subject}调查结果",
            "summary": "超过1200位居民参与了调查，以下是他们的意见。",
            "body": [
                "一月至三月期间，居民受邀就{subject}发表意见。超过1200人通过网络和服务窗口参与。",
                "多数人对现状表示满意，但许多人希望信息更加清晰、开放时间更长。{dept}将在未来几周内作出回应。",
            ],
        },
    ],
    "notice": [
        {
            "title": "{subject}公开征求意见",
            "summary": "意见提交截止日期为{date}。",
            "body": [
                "{dept}欢迎居民、协会和企业就{subject}提出意见。相关文件可在网上或市政厅接待处查阅。",
                "意见可在{date}前通过电子邮件或信件提交。每份意见都会被认真阅读，并将公布意见汇总。",
            ],
        },
        {
            "title": "{year}年项目申请：{subject}",
            "summary": "申请截止日期为{date}。",
            "body": [
                "现接受与{subject}相关的项目申请。本地区的协会、学校和小型企业均可申请。",
                "申请表和申请规则可在接待处领取；咨询：{dept}。截止日期为{date}，逾期申请不予受理。",
            ],
        },
        {
            "title": "招聘：{role}",
            "summary": "报名截止日期为{date}。",
            "body": [
                "{dept}招聘以下职位：{role}。该职位为长期岗位，工作地点在市政厅，可全职或兼职。",
                "请于{date}前提交求职信和简历。面试将在此后两周内进行。",
            ],
        },
        {
            "title": "{dept}调整办公时间",
            "summary": "自{date}起，窗口开放时间为9:00至16:00。",
            "body": [
                "自{date}起，{dept}的服务窗口开放时间为周一至周五9:00至16:00，电话咨询时间相同。",
                "大多数事项可随时在网上办理，也可预约其他时间。",
            ],
        },
    ],
    "event": [
        {
            "title": "{subject}公众会议",
            "summary": "欢迎前来向项目团队提问。",
            "body": [
                "{dept}邀请居民参加关于{subject}的公众会议。项目团队将介绍方案并回答问题。",
            ],
        },
        {
            "title": "工作坊：{subject}",
            "summary": "面向居民和协会的实践活动，免费，无需报名。",
            "body": [
                "本次关于{subject}的工作坊面向希望参与的居民和协会。{dept}将分享实例，并协助大家迈出第一步。",
            ],
        },
        {
            "title": "{subject}说明会",
            "summary": "简短介绍后进行问答。",
            "body": [
                "在本次说明会上，{dept}将介绍{subject}：哪些人可以受益、时间安排以及如何参与。",
            ],
        },
    ],
    "when": "时间：{date} {start}–{end}（{zone}）。地点：{place}。",
    "online": "也可在线参加，链接见本页。",
    "contact": "联系方式：{dept}，工作日电话咨询或通过网上表单联系。",
}
