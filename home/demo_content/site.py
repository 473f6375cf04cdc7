"""The demo school: site settings, the section tree, single pages, images and documents."""

from . import blocks as b
from . import media

SCHOOL = "湘西自治州特殊教育学校"
PARTY_BRANCH = "湘西自治州特殊教育学校党支部"
MOTTO = "尊重差异，发展潜能，快乐成长，融入社会"

# Stand-ins where the real values are not known: the address, e-mail and public-security record
# number must be replaced in 站点设置 before the site goes live.
SITE_SETTINGS = {
    "name": SCHOOL,
    "address": "湖南省湘西土家族苗族自治州吉首市乾州街道世纪大道",
    "postcode": "416000",
    "fax": "0743-8716244",
    "email": "xxztjxx@163.com",
    "icp_record": "湘ICP备17017769号",
    "police_record": "湘公网安备43310102000123号",
    "police_record_url": "https://beian.mps.gov.cn/#/query/webSearch?code=43310102000123",
    "copyright": f"版权所有 © {SCHOOL}",
}
PHONE_NUMBERS = [
    ("值班室", "0743-8716244"),
    ("校长室", "8756511"),
    ("工会、总务处", "8756512"),
    ("教务处", "8716874"),
]
FOOTER_LINKS = [
    ("湘西州教育和体育局", "https://www.xxz.gov.cn/"),
    ("湖南省教育厅", "https://jyt.hunan.gov.cn/"),
    ("中华人民共和国教育部", "https://www.moe.gov.cn/"),
]

# Images: key -> (title, file name). Drawn by ``media.SCENES``.
IMAGES = {
    "campus": ("校园全景", "campus.jpg"),
    "building": ("教学楼", "teaching-building.jpg"),
    "sports": ("田径运动会", "sports-day.jpg"),
    "ceremony": ("开学典礼", "opening-ceremony.jpg"),
    "rehab": ("感觉统合训练室", "rehabilitation-room.jpg"),
    "classroom": ("生活语文课堂", "classroom.jpg"),
    "library": ("图书阅览室", "library.jpg"),
    "homevisit": ("送教上门路上", "home-teaching.jpg"),
    "party": ("主题党日活动", "party-day.jpg"),
    "art": ("学生手工作品展", "handicrafts.jpg"),
    "parents": ("家长会现场", "parents-meeting.jpg"),
    "snow": ("雪后校园", "campus-in-snow.jpg"),
}
IMAGE_SEED = 416000


def _enrolment_form():
    return media.form_pdf(
        f"{SCHOOL}新生入学报名表",
        [
            "学生姓名",
            "性别",
            "出生日期",
            "残疾类型",
            "残疾证号",
            "户籍地址",
            "监护人",
            "联系电话",
            "既往康复情况",
            "备注",
        ],
    )


def _holiday_table():
    return media.csv_bytes(
        [
            ["部别", "放假时间", "返校时间", "接送方式", "班主任联系电话"],
            ["聋教育部", "按通知时间", "按通知时间", "家长到校接送", "见班级群"],
            ["培智教育部", "按通知时间", "按通知时间", "家长到校接送", "见班级群"],
            ["孤独症康复部", "按通知时间", "按通知时间", "家长到校接送", "见班级群"],
            ["送教上门", "—", "—", "送教教师电话联系", "见送教记录册"],
        ]
    )


def _home_teaching_record():
    return media.csv_bytes(
        [
            ["日期", "学生", "送教教师", "送教内容", "训练时长（分钟）", "家长签字", "备注"],
            ["", "", "", "生活自理训练", "", "", ""],
            ["", "", "", "沟通与交往训练", "", "", ""],
            ["", "", "", "运动康复训练", "", "", ""],
        ]
    )


def _safety_letter():
    return media.text_bytes(
        f"""
{SCHOOL}假期安全告知书

尊敬的学生家长：

假期即将来临，为确保孩子度过一个安全、愉快的假期，请您配合做好以下几点：

一、防溺水。教育孩子做到“六不”：不私自下水游泳，不擅自与他人结伴游泳，不在无家长或教师带领的情况下游泳，
不到无安全设施、无救援人员的水域游泳，不到不熟悉的水域游泳，不熟悉水性的学生不擅自下水施救。

二、交通安全。外出时看管好孩子，不在公路上玩耍，不乘坐无牌无证、超载车辆。

三、用电用火安全。不让孩子单独使用电器和燃气，不玩火，家中常备的药品和清洁剂放在孩子拿不到的地方。

四、坚持家庭康复训练。请按照老师提供的训练计划，每天陪孩子进行适量的康复训练和生活自理练习。

如有困难，请及时与班主任联系。

{SCHOOL}
"""
    )


# Documents: key -> (title, file name, builder).
DOCUMENTS = {
    "enrolment_form": ("新生入学报名表", "enrolment-form.pdf", _enrolment_form),
    "holiday_table": ("各学部放假及返校安排表", "holiday-arrangements.csv", _holiday_table),
    "home_teaching_record": ("送教上门服务记录表", "home-teaching-record.csv", _home_teaching_record),
    "safety_letter": ("假期安全告知书", "holiday-safety-letter.txt", _safety_letter),
}


# Sections: (title, intro, children). Articles are placed by the path of section titles.
SECTIONS = [
    (
        "学校概况",
        "了解学校的历史沿革、办学理念和校园环境。",
        [("校园风采", "用镜头记录校园里的美好瞬间。", [])],
    ),
    (
        "新闻动态",
        "学校新闻、活动报道和上级部门动态。",
        [("最新动态", "", []), ("校园新闻", "", [])],
    ),
    ("通知公告", "学校发布的各类通知和公告。", []),
    (
        "党建工作",
        "党支部建设、党员教育和主题教育活动。",
        [("党的群众路线教育活动", "", []), ("支部动态", "", [])],
    ),
    (
        "教育教学",
        "课堂教学、教研科研、康复训练和送教上门。",
        [("教学研究", "", []), ("康复训练", "", []), ("送教上门", "", [])],
    ),
    ("德育安全", "德育活动、安全教育和心理健康。", []),
    ("招生信息", "招生简章、报名须知和入学评估安排。", []),
]

NOTICES_SECTION = ("通知公告",)
HOME_SECTIONS = [
    ("新闻动态", "最新动态"),
    ("党建工作", "党的群众路线教育活动"),
    ("教育教学", "教学研究"),
    ("招生信息",),
]


def standard_pages(images):
    """Single pages: (parent section path, title, body)."""
    introduction = [
        b.paragraph(
            f"{SCHOOL}是湘西土家族苗族自治州举办的一所全日制寄宿制特殊教育学校，承担着全州听力、"
            "智力残疾和孤独症儿童少年的义务教育、康复训练和职业技能培训任务，同时负责全州送教上门工作的"
            "业务指导。"
        ),
        b.image(images["campus"], "学校教学楼和操场全景，操场上有学生在活动", "校园一角"),
        b.paragraph(
            "学校现设聋教育部、培智教育部和孤独症儿童康复部，建有感觉统合训练室、言语康复室、听力检测室、"
            "多感官训练室、心理咨询室、图书阅览室和职业技能实训室等专用教室。学校坚持“医教结合、康教融合”，"
            "为每名学生建立个别化教育计划，努力让每一个孩子都能学会生活、学会学习、学会与人相处。"
        ),
        b.heading("办学理念"),
        b.quote(MOTTO, "学校办学理念"),
        b.paragraph(
            "学校坚持以德育人、以爱育人，重视教师队伍建设，积极开展教学研究和课程改革，不断提升康复训练的"
            "专业化水平，努力办好人民满意的特殊教育。"
        ),
        b.heading("学校规模", "h3"),
        b.table(
            [
                ["项目", "数量", "说明"],
                ["教学班", "18", "聋教育、培智教育和孤独症康复三个学部"],
                ["在校学生", "260余名", "另有送教上门学生80余名"],
                ["教职工", "90余名", "其中专兼职康复教师20余名"],
                ["专用教室", "20余间", "康复训练、职业技能实训等"],
            ],
            "学校基本情况（示例数据）",
        ),
    ]
    contact = [
        b.paragraph("欢迎学生家长和社会各界人士来校参观、咨询。来访前请先电话联系值班室。"),
        b.table(
            [["部门", "电话"]]
            + [[label, number] for label, number in PHONE_NUMBERS]
            + [["传真", SITE_SETTINGS["fax"]]],
            "联系电话",
        ),
        b.html(
            f"<p><b>地址：</b>{SITE_SETTINGS['address']}</p><p><b>邮编：</b>{SITE_SETTINGS['postcode']}</p>"
            f"<p><b>电子邮箱：</b>{SITE_SETTINGS['email']}</p>"
        ),
        b.notice(
            "来访提示",
            "学校实行封闭式管理，来访人员请在门卫室登记并出示有效证件。家长接送学生请按学校规定的时间进出校园。",
        ),
    ]
    return [(("学校概况",), "学校简介", introduction), (("学校概况",), "联系我们", contact)]
