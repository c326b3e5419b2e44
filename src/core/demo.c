/*
 * demo.c — the demo-data generator (see include/kefu/demo.h).
 *
 * Design note. Record i of a seed's stream is drawn from its own small
 * random generator, started from a hash of (seed, i): no state is carried
 * from one record to the next, so any record can be made alone, in any
 * order, on any machine, and a stream can be extended later. The word
 * lists below are the whole of the "model":
 *
 *   surnames      by their real frequency (王 李 张 about 7% each, then
 *                 刘 陈 杨 ...), with a few compound ones (欧阳, 司马) rare;
 *   given names   a quarter from the very common full given names (芳, 伟,
 *                 秀英, 小明 ...), the rest one (30%) or two characters
 *                 from a few hundred common given-name characters;
 *   kind          88% residents, 10% shops (王记餐馆, 鑫鑫便利店), 2% other
 *                 (a community's 居委会, 物业服务中心 ...);
 *   address       one of 62 communities; each has its own number of
 *                 buildings (6-30), units (2-6), floors and doors per
 *                 floor, so rooms look like the place: 301, 1502, 2604;
 *                 8% also a free-text address (北京市朝阳区建国路88号);
 *   phones        one mobile (real prefixes: 13x, 15x, 17x, 18x, 19x);
 *                 15% of residents and 40% of the others also a landline
 *                 (010-xxxxxxxx, 0755-xxxxxxxx);
 *   move-in       95% a date from 2005-01-01 to 2026-10-31;
 *   notes         8% of residents, 30% of shops: what a clerk writes;
 *   status        2% moved out.
 *
 * The stream never uses the 14x mobile prefixes, so a number starting
 * with 140 is known not to exist (the benchmark asks for one).
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "kefu/callback.h"
#include "kefu/clock.h"
#include "kefu/complaint.h"
#include "kefu/customer.h"
#include "kefu/demo.h"
#include "kefu/util.h"

#define CHUNK	1000	/* records per transaction */

struct weighted {
	const char	*s;
	unsigned	 w;	/* per 10,000 of the population, roughly */
};

#define N(a)	(sizeof(a) / sizeof((a)[0]))

/* Surnames by frequency (2020 census, rounded); compound ones are rare. */
static const struct weighted surnames[] = {
	{ "王", 712 }, { "李", 700 }, { "张", 674 }, { "刘", 510 },
	{ "陈", 461 }, { "杨", 322 }, { "黄", 245 }, { "赵", 200 },
	{ "周", 190 }, { "吴", 188 }, { "徐", 145 }, { "孙", 138 },
	{ "胡", 129 }, { "朱", 126 }, { "高", 120 }, { "林", 118 },
	{ "何", 117 }, { "郭", 115 }, { "马", 105 }, { "罗", 86 },
	{ "梁", 83 }, { "宋", 81 }, { "郑", 78 }, { "谢", 72 },
	{ "韩", 68 }, { "唐", 65 }, { "冯", 64 }, { "于", 62 },
	{ "董", 61 }, { "肖", 59 }, { "程", 57 }, { "曹", 57 },
	{ "袁", 54 }, { "邓", 54 }, { "许", 54 }, { "傅", 51 },
	{ "沈", 50 }, { "曾", 50 }, { "彭", 49 }, { "吕", 47 },
	{ "苏", 46 }, { "卢", 46 }, { "蒋", 46 }, { "蔡", 44 },
	{ "贾", 41 }, { "丁", 41 }, { "魏", 40 }, { "薛", 39 },
	{ "叶", 39 }, { "阎", 38 }, { "余", 38 }, { "潘", 38 },
	{ "杜", 37 }, { "戴", 36 }, { "夏", 35 }, { "钟", 35 },
	{ "汪", 35 }, { "田", 34 }, { "任", 34 }, { "姜", 33 },
	{ "范", 33 }, { "方", 32 }, { "石", 32 }, { "姚", 31 },
	{ "谭", 31 }, { "廖", 30 }, { "邹", 30 }, { "熊", 29 },
	{ "金", 29 }, { "陆", 28 }, { "郝", 28 }, { "孔", 27 },
	{ "白", 27 }, { "崔", 27 }, { "康", 26 }, { "毛", 26 },
	{ "邱", 26 }, { "秦", 25 }, { "江", 25 }, { "史", 24 },
	{ "顾", 24 }, { "侯", 24 }, { "邵", 23 }, { "孟", 23 },
	{ "龙", 23 }, { "万", 22 }, { "段", 22 }, { "雷", 21 },
	{ "钱", 21 }, { "汤", 21 }, { "尹", 20 }, { "黎", 20 },
	{ "易", 19 }, { "常", 19 }, { "武", 19 }, { "乔", 18 },
	{ "贺", 18 }, { "赖", 17 }, { "龚", 17 }, { "文", 17 },
	{ "欧", 5 }, { "欧阳", 5 }, { "司马", 1 }, { "诸葛", 1 },
	{ "上官", 1 }, { "东方", 1 },
};

/* Whole given names so common they recur everywhere (王芳, 李伟, 张小明). */
static const char *const common_given[] = {
	"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋",
	"勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚",
	"桂英", "小明", "小红", "建华", "建国", "志强", "海燕", "玉兰",
	"丽娟", "淑珍", "秀珍", "桂兰", "建军", "国强", "晓东", "晓燕",
	"文静", "子涵", "一诺", "浩然", "欣怡", "梓轩", "春梅", "红梅",
};

/* Common given-name characters, three UTF-8 bytes each. */
static const char given_chars[] =
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英霞平刚桂华建国志红玉兰"
    "金海燕文辉鹏林斌宇浩凯健俊帆帅旭宁龙波飞鑫婷雪慧晶莉倩颖琳欣"
    "玲丹萍梅凤云莹佳嘉思雨梦子涵梓轩博晨阳昊然一诺怡可馨悦雅琪瑶"
    "彤萱依若汐铭泽睿哲瀚翔毅峰晓春秋冬夏立新永德成荣福贵生祥忠庆"
    "兴安东南中天长振宏光亮清正义礼智信仁孝爱美香珍琴翠菊花月彩芬"
    "素淑惠巧珠娥琼蓉薇洁蕾岚媛妍姗璐露晴琦瑜璇瑞祺凡朗力岩山川江"
    "河湖浪洪兵武威虎鹰麟鹤松柏杨柳桃竹荷莲芝青航远达通顺利和康乐"
    "喜丰卫方向前进跃胜学彬杉森晗晖煜炜烨灿钰锋锐钧键淼源溪潇澜沐"
    "汉渊小大少世家宗先元培佩蓓芸菲茜璟琛珂瑾韵婉霖霏鸿骏驰腾豪逸"
    "晋楠桐樱榕雯雁娇婕娴嫣妮娅茹蕊莎菁萌蔚芮艺瑛琰璋琨昕昱晟暄曦"
    "旻炫焕熙煦";

/* Communities (小区); each gets its own shape from its index. */
static const char *const communities[] = {
	"阳光花园", "翠苑小区", "金色家园", "锦绣华庭", "幸福里", "和平小区",
	"东方明珠苑", "绿地世纪城", "碧水蓝天", "万科城市花园", "金桥新村",
	"春江花月", "丽景湾", "玉兰苑", "枫林绿洲", "紫荆花园", "桂花园",
	"海棠湾", "梧桐苑", "康乐小区", "新华小区", "建设新村", "朝阳小区",
	"文化苑", "育才小区", "铁路新村", "电力小区", "滨江花园", "南湖家园",
	"北苑家园", "西山美墅", "东湖小区", "中央公园", "世纪花园", "御景华府",
	"龙湖花园", "保利花园", "雅居乐花园", "富力城", "恒大名都", "碧桂园",
	"融创府", "华润置地", "金地格林", "星河湾", "香榭里", "水岸名居",
	"书香门第", "名仕家园", "怡景苑", "清华园", "花园新村", "人民新村",
	"工人新村", "红旗小区", "光明小区", "向阳小区", "胜利小区",
	"团结小区", "兴华苑", "嘉和苑", "瑞祥小区",
};

static const unsigned floors_by_shape[] = { 6, 7, 11, 18, 26, 33 };

static const char *const cities[] = {
	"北京市朝阳区", "北京市海淀区", "北京市丰台区", "上海市浦东新区",
	"上海市徐汇区", "广州市天河区", "深圳市南山区", "杭州市西湖区",
	"成都市武侯区", "南京市鼓楼区", "武汉市江汉区", "天津市河西区",
	"西安市雁塔区", "重庆市渝中区", "苏州市姑苏区", "济南市历下区",
};

static const char *const roads[] = {
	"建国路", "人民路", "解放路", "中山路", "和平路", "新华路", "文化路",
	"光明路", "胜利路", "幸福大街", "长江路", "黄河路", "花园路",
	"青年路", "学院路", "工业大道",
};

/* Landline area codes, each with a dash as people write them. */
static const char *const area_codes[] = {
	"010-", "021-", "020-", "022-", "023-", "024-", "025-", "027-",
	"028-", "029-", "0755-", "0571-", "0512-", "0531-", "0532-", "0371-",
};

/* Mobile prefixes (no 14x: see the design note). 13x weighs the most. */
static const struct weighted mobile_prefixes[] = {
	{ "130", 4 }, { "131", 4 }, { "132", 4 }, { "133", 4 }, { "134", 5 },
	{ "135", 6 }, { "136", 6 }, { "137", 6 }, { "138", 8 }, { "139", 8 },
	{ "150", 3 }, { "151", 3 }, { "152", 3 }, { "153", 3 }, { "155", 3 },
	{ "156", 3 }, { "157", 2 }, { "158", 3 }, { "159", 3 }, { "170", 1 },
	{ "173", 1 }, { "176", 1 }, { "177", 1 }, { "178", 1 }, { "180", 2 },
	{ "181", 2 }, { "182", 2 }, { "183", 2 }, { "185", 2 }, { "186", 3 },
	{ "187", 2 }, { "188", 2 }, { "189", 3 }, { "191", 1 }, { "193", 1 },
	{ "195", 1 }, { "198", 1 }, { "199", 1 },
};

static const char *const shop_brands[] = {
	"好又多", "鑫鑫", "兴旺", "万家", "福满多", "佳佳", "顺发", "红星",
	"金太阳", "大众", "老街坊", "喜洋洋", "如意", "吉祥", "平安", "康泰",
	"华联", "百姓", "邻里", "惠民",
};

static const char *const shop_kinds[] = {
	"便利店", "餐馆", "超市", "理发店", "水果店", "药店", "洗衣店",
	"五金店", "面馆", "小吃店", "花店", "茶馆", "烟酒店", "快递驿站",
	"早餐店", "菜店", "粮油店", "美容院", "诊所", "文具店",
};

static const char *const offices[] = {
	"居委会", "物业服务中心", "社区卫生服务站", "幼儿园", "老年活动中心",
	"门卫室", "业主委员会",
};

static const char *const resident_notes[] = {
	"独居老人，上门前请先电话联系",
	"家中有狗，进门前请打招呼",
	"白天不在家，晚上7点后联系",
	"燃气表在厨房窗外",
	"曾反映厨房有燃气味，已上门检查",
	"租户，房东电话为第二个号码",
	"听力不好，请大声说话",
	"行动不便，维修请预约上午",
	"子女代缴燃气费",
	"要求维修前电话确认",
	"已更换燃气报警器",
	"热水器老旧，建议更换",
};

static const char *const shop_notes[] = {
	"商用燃气表，月底抄表",
	"营业时间 8:00-21:00",
	"联系人为店长，不是老板",
	"周一店休",
	"节假日不停业",
};

/* ---- the random source ---- */

struct rng {
	uint64_t	 s;
};

/* splitmix64's finaliser: a good 64-bit mix. */
static uint64_t
mix(uint64_t x)
{
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static uint64_t
next(struct rng *r)
{
	r->s += 0x9e3779b97f4a7c15ULL;
	return mix(r->s);
}

/* A number in [0, n). The modulo bias is far below anything we measure. */
static unsigned
below(struct rng *r, unsigned n)
{
	return (unsigned)(next(r) % n);
}

/* True with probability per_mille / 1000. */
static int
chance(struct rng *r, unsigned per_mille)
{
	return below(r, 1000) < per_mille;
}

static const char *
pick_weighted(struct rng *r, const struct weighted *v, size_t n)
{
	unsigned total = 0, x;
	size_t i;

	for (i = 0; i < n; i++)
		total += v[i].w;
	x = below(r, total);
	for (i = 0; i + 1 < n && x >= v[i].w; i++)
		x -= v[i].w;
	return v[i].s;
}

#define PICK(r, a)	((a)[below((r), (unsigned)N(a))])

/* Appends one given-name character (3 bytes) to b. */
static void
given_char(struct rng *r, struct kf_buf *b)
{
	size_t n = (sizeof(given_chars) - 1) / 3;

	kf_buf_add(b, given_chars + (size_t)3 * below(r, (unsigned)n), 3);
}

static char *
person_name(struct rng *r)
{
	struct kf_buf b = { 0 };

	kf_buf_puts(&b, pick_weighted(r, surnames, N(surnames)));
	if (chance(r, 250))
		kf_buf_puts(&b, PICK(r, common_given));
	else {
		given_char(r, &b);
		if (chance(r, 700))
			given_char(r, &b);
	}
	return b.s;
}

static char *
mobile(struct rng *r)
{
	return xasprintf("%s%08u", pick_weighted(r, mobile_prefixes,
	    N(mobile_prefixes)), below(r, 100000000));
}

static char *
landline(struct rng *r)
{
	return xasprintf("%s%08u", PICK(r, area_codes),
	    20000000 + below(r, 70000000));
}

static char *
move_in(struct rng *r)
{
	static const unsigned mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };
	unsigned y = 2005 + below(r, 22), m, d;

	m = 1 + below(r, y == 2026 ? 10 : 12);
	d = 1 + below(r, mdays[m - 1]);
	return xasprintf("%04u-%02u-%02u", y, m, d);
}

void
kf_demo_customer(uint64_t seed, uint64_t i, struct kf_customer *c)
{
	struct rng r = { mix(mix(seed) ^ (i * 0x9e3779b97f4a7c15ULL)) };
	unsigned ci, shape, buildings, units, floors, doors, kind, np = 0;

	memset(c, 0, sizeof(*c));
	c->account = xasprintf("D%08llu", (unsigned long long)i);

	/* The community decides the shape of its buildings. */
	ci = below(&r, (unsigned)N(communities));
	shape = ci % N(floors_by_shape);
	buildings = 6 + (ci * 7) % 25;
	units = 2 + (ci * 3) % 5;
	floors = floors_by_shape[shape];
	doors = 2 + (ci / 6) % 3;
	c->community = xstrdup(communities[ci]);

	kind = below(&r, 100);
	if (kind < 88) {
		c->kind = KF_CUST_RESIDENT;
		c->name = person_name(&r);
		c->building = xasprintf("%u号楼", 1 + below(&r, buildings));
		c->unit = xasprintf("%u单元", 1 + below(&r, units));
		c->room = xasprintf("%u%02u", 1 + below(&r, floors),
		    1 + below(&r, doors));
		if (chance(&r, 80))
			c->notes = xstrdup(PICK(&r, resident_notes));
	} else if (kind < 98) {
		/* A shop on the ground floor (底商) of a building. */
		c->kind = KF_CUST_COMMERCIAL;
		if (chance(&r, 400))
			c->name = xasprintf("%s记%s", pick_weighted(&r,
			    surnames, N(surnames)), PICK(&r, shop_kinds));
		else
			c->name = xasprintf("%s%s", PICK(&r, shop_brands),
			    PICK(&r, shop_kinds));
		c->building = xasprintf("%u号楼", 1 + below(&r, buildings));
		c->unit = xstrdup("");
		c->room = xasprintf("1%02u", 1 + below(&r, 12));
		if (chance(&r, 300))
			c->notes = xstrdup(PICK(&r, shop_notes));
	} else {
		c->kind = KF_CUST_OTHER;
		c->name = xasprintf("%s%s", communities[ci], PICK(&r, offices));
		c->building = xstrdup("");
		c->unit = xstrdup("");
		c->room = xstrdup("");
	}

	c->phones[np++] = mobile(&r);
	if (chance(&r, c->kind == KF_CUST_RESIDENT ? 150 : 400))
		c->phones[np++] = landline(&r);
	if (chance(&r, 80))
		c->address = xasprintf("%s%s%u号", PICK(&r, cities),
		    PICK(&r, roads), 1 + below(&r, 300));
	else
		c->address = xstrdup("");
	if (c->notes == NULL)
		c->notes = xstrdup("");
	c->move_in = chance(&r, 950) ? move_in(&r) : NULL;
	c->status = chance(&r, 20) ? KF_CUST_MOVED_OUT : KF_CUST_ACTIVE;
}

enum kf_rc
kf_demo_customers(struct kf_core *k, uint64_t seed, uint64_t from,
    uint64_t count, struct kf_err *err)
{
	struct kf_customer *v;
	enum kf_rc rc = KF_OK;
	uint64_t done;
	size_t n, j, bad;

	assert(from + count >= from);		/* no wrap-around */
	if (count == 0)
		return KF_OK;
	v = xcalloc(count < CHUNK ? (size_t)count : CHUNK, sizeof(*v));
	for (done = 0; done < count && rc == KF_OK; done += n) {
		n = count - done < CHUNK ? (size_t)(count - done) : CHUNK;
		for (j = 0; j < n; j++)
			kf_demo_customer(seed, from + done + j, &v[j]);
		rc = kf_customer_add_batch(k, v, n, &bad, err);
		for (j = 0; j < n; j++)
			kf_customer_clear(&v[j]);
	}
	free(v);
	return rc;
}

/*
 * The demo's complaints (issue 12): one at each stage the supervisor's
 * queue shows, each moved by whom the lifecycle names (the session acts
 * as desk, handler and supervisor in turn, then as itself again).
 */
struct demo_cpl {
	uint64_t	 who;		/* a record of the customer stream */
	const char	*what;
	const char	*cat;
	bool		 serious, via_company, municipal;
	int		 stage;		/* the state it is driven to */
	int64_t		 ago;		/* registered this long ago (s) */
};

static const struct demo_cpl demo_cpls[] = {
	{ 368, "维修师傅上门迟到两个小时，态度也不好", "attitude", false,
	  false, false, KF_CPL_REGISTERED, 600 },
	{ 1602, "换了燃气表以后读数偏高，燃气费多收", "billing", false, true,
	  false, KF_CPL_FORWARDED, 20 * 3600 },
	{ 11, "楼道燃气管改造后三天没恢复供气，没人通知", "supply", true,
	  false, true, KF_CPL_FORWARDED, 2 * 3600 },
	{ 42, "灶具维修后第二天又打不着火", "repair", false, false, false,
	  KF_CPL_APPROVED, 6 * 3600 },
	{ 77, "营业厅排队一个多小时，窗口只开一个", "facilities", false, false,
	  false, KF_CPL_RESULT, 30 * 3600 },
	{ 123, "抄表员没有出示证件就要进门", "attitude", false, false, false,
	  KF_CPL_CALLED_BACK, 50 * 3600 },
	{ 256, "热线电话一直占线打不进去", "other", false, false, false,
	  KF_CPL_CLOSED, 80 * 3600 },
};

static int64_t
demo_category(struct kf_core *k, const char *key)
{
	struct kf_complaint_category *v;
	int64_t id = 0;
	size_t n, i;

	if (kf_complaint_categories(k, false, &v, &n, NULL) != KF_OK)
		return 0;
	for (i = 0; i < n; i++)
		if (strcmp(v[i].key, key) == 0)
			id = v[i].id;
	kf_complaint_categories_free(v, n);
	return id;
}

/* Drives complaint id to stage, each move by its maker; the actor is
 * the supervisor on return. */
static enum kf_rc
demo_drive(struct kf_core *k, int64_t id, int stage, int64_t handler,
    const char *desk, const char *hand, const char *sup, struct kf_err *err)
{
	enum kf_rc rc = KF_OK;
	int64_t now = kf_core_now(k);

#define AS(l)	if (rc == KF_OK) rc = kf_core_login_as(k, (l), err)
#define DO(s, call)	if (rc == KF_OK && stage >= (s)) rc = (call)
	AS(desk);
	DO(KF_CPL_FORWARDED, kf_complaint_forward(k, id, -1, handler, err));
	AS(hand);
	DO(KF_CPL_ANALYSED, kf_complaint_analyse(k, id, -1, true,
	    "未按服务规范操作", "维修班组", err));
	DO(KF_CPL_ACTION_SET, kf_complaint_action(k, id, -1,
	    "班组服务规范培训并回访", handler, now + 2 * 86400, NULL, err));
	AS(sup);
	DO(KF_CPL_APPROVED, kf_complaint_approve(k, id, -1, err));
	if (rc == KF_OK && stage >= KF_CPL_VERIFIED) {
		struct kf_complaint_action *v;
		size_t n, i;

		if ((rc = kf_complaint_actions(k, id, &v, &n, err)) == KF_OK) {
			for (i = 0; i < n && rc == KF_OK; i++)
				rc = kf_complaint_verify(k, id, -1, v[i].id,
				    "已落实", err);
			kf_complaint_actions_free(v, n);
		}
	}
	AS(hand);
	DO(KF_CPL_RESULT, kf_complaint_result(k, id, -1,
	    "已向用户致歉并重新上门处理", err));
	AS(desk);
	DO(KF_CPL_CALLED_BACK, kf_complaint_callback(k, id, -1, 0,
	    KF_CPL_SATISFIED, "", NULL, err));
	AS(sup);
	DO(KF_CPL_SIGNED, kf_complaint_signoff(k, id, -1, err));
	DO(KF_CPL_CLOSED, kf_complaint_close(k, id, -1, err));
#undef AS
#undef DO
	return rc;
}

/*
 * The demo's callbacks (issue 13) besides the complaints' own: F6 shows
 * one in each state. Called back about made-up customers: two promises
 * (one tried with no answer), a work order's caller overdue in the pool,
 * one recorded by phone, one by a signed home visit and reviewed, one
 * cancelled. The actor is the supervisor on return.
 */
static enum kf_rc
demo_callbacks(struct kf_core *k, uint64_t seed, const char *desk,
    const char *sup, int64_t now, struct kf_err *err)
{
	static const struct {
		uint64_t	 who;
		const char	*about;
		enum kf_callback_reason reason;
		int64_t		 due;		/* from now */
		int		 end;		/* 0 open, 1 tried, 2 done,
						 * 3 reviewed, 4 cancelled */
	} d[] = {
		{ 411, "询问燃气表更换进度，承诺两小时内回电", KF_CB_PROMISE,
		  2 * 3600, 0 },
		{ 512, "咨询开户所需材料，承诺今天回电", KF_CB_PROMISE, 5400, 1 },
		{ 613, "厨房燃气管道漏气维修完毕", KF_CB_ORDER, -3600, 0 },
		{ 714, "热水器打不着火维修完毕", KF_CB_ORDER, 6 * 3600, 2 },
		{ 815, "灶具更换完毕", KF_CB_ORDER, 3 * 3600, 3 },
		{ 916, "询问停气时间", KF_CB_PROMISE, 3600, 4 },
	};
	struct kf_callback_record r;
	struct kf_customer cu;
	struct kf_callback t;
	enum kf_rc rc = KF_OK;
	char subject[200];
	int64_t id = 0;
	size_t i;

	for (i = 0; i < N(d) && rc == KF_OK; i++) {
		if ((rc = kf_core_login_as(k, desk, err)) != KF_OK)
			break;
		memset(&cu, 0, sizeof(cu));
		kf_demo_customer(seed, d[i].who, &cu);
		memset(&t, 0, sizeof(t));
		t.reason = d[i].reason;
		t.name = cu.name;
		t.phone = cu.phones[0];
		snprintf(subject, sizeof(subject), "%s", d[i].about);
		t.subject = subject;
		t.due_at = now + d[i].due;
		t.owner_id = d[i].reason == KF_CB_PROMISE ?
		    kf_core_actor_id(k) : 0;
		rc = kf_callback_task_tx(k, &t, &id, err);
		kf_customer_clear(&cu);
		memset(&r, 0, sizeof(r));
		r.method = d[i].end == 3 ? KF_CB_VISIT : KF_CB_PHONE;
		r.score = KF_CPL_SATISFIED;
		r.said = "师傅很专业，已经好了";
		r.signed_name = "户主";
		if (rc == KF_OK && d[i].end == 1)
			rc = kf_callback_attempt(k, id, -1, KF_CB_NO_ANSWER, 0,
			    NULL, err);
		if (rc == KF_OK && (d[i].end == 2 || d[i].end == 3))
			rc = kf_callback_record(k, id, -1, &r, NULL, err);
		if (rc == KF_OK && d[i].end >= 3)
			rc = kf_core_login_as(k, sup, err);
		if (rc == KF_OK && d[i].end == 3)
			rc = kf_callback_review(k, id, -1, "记录完整", err);
		if (rc == KF_OK && d[i].end == 4)
			rc = kf_callback_cancel(k, id, -1,
			    "客户已来电说明不需要回电", err);
	}
	if (rc == KF_OK)
		rc = kf_core_login_as(k, sup, err);
	return rc;
}

enum kf_rc
kf_demo_complaints(struct kf_core *k, uint64_t seed, const char *desk,
    const char *handler, const char *supervisor, struct kf_err *err)
{
	struct kf_clock saved = *kf_core_clock(k);
	struct kf_customer cu;
	struct kf_complaint c;
	char me[64];
	int64_t id, hid, billing = 0, now = kf_core_now(k);
	enum kf_rc rc = KF_OK, rc2;
	size_t i;

	snprintf(me, sizeof(me), "%s", kf_core_actor_login(k));
	/* All or nothing: one transaction (each move joins it). */
	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		return rc;
	if ((rc = kf_core_login_as(k, handler, err)) != KF_OK)
		goto end;
	hid = kf_core_actor_id(k);
	for (i = 0; i < N(demo_cpls) && rc == KF_OK; i++) {
		const struct demo_cpl *d = &demo_cpls[i];

		memset(&cu, 0, sizeof(cu));
		kf_demo_customer(seed, d->who, &cu);
		memset(&c, 0, sizeof(c));
		c.name = xstrdup(cu.name);
		c.phone = xstrdup(cu.phones[0]);
		c.community = xstrdup(cu.community);
		c.building = xstrdup(cu.building);
		c.place = kf_customer_address(&cu);
		c.what = xstrdup(d->what);
		c.happened_at = now - d->ago - 3600;
		c.channel = d->via_company ? KF_CPL_CH_COMPANY : KF_CPL_CH_HOTLINE;
		c.severity = d->serious ? KF_CPL_SERIOUS : KF_CPL_ORDINARY;
		c.via_company = d->via_company;
		c.municipal = d->municipal;
		kf_customer_clear(&cu);
		/* Registered a while ago, so the clocks show how far on. */
		kf_clock_fix(kf_core_clock(k), now - d->ago);
		if ((rc = kf_core_login_as(k, desk, err)) == KF_OK &&
		    (c.category_id = demo_category(k, d->cat)) != 0)
			rc = kf_complaint_new(k, &c, &id, err);
		kf_complaint_clear(&c);
		if (rc == KF_OK)
			rc = demo_drive(k, id, d->stage, hid, desk, handler,
			    supervisor, err);
		if (rc == KF_OK && strcmp(d->cat, "billing") == 0)
			billing = id;
	}
	/* A second caller about the same billing: linked to it (R48). */
	if (rc == KF_OK && billing != 0) {
		memset(&cu, 0, sizeof(cu));
		kf_demo_customer(seed, 1603, &cu);
		memset(&c, 0, sizeof(c));
		c.name = xstrdup(cu.name);
		c.phone = xstrdup(cu.phones[0]);
		c.place = kf_customer_address(&cu);
		c.what = xstrdup("燃气表读数偏高，这个月燃气费多收了");
		c.happened_at = now - 7200;
		c.channel = KF_CPL_CH_PHONE_IN;
		c.duplicate_of = billing;
		kf_customer_clear(&cu);
		kf_clock_fix(kf_core_clock(k), now - 3600);
		if ((rc = kf_core_login_as(k, desk, err)) == KF_OK &&
		    (c.category_id = demo_category(k, "billing")) != 0)
			rc = kf_complaint_new(k, &c, &id, err);
		kf_complaint_clear(&c);
	}
	if (rc == KF_OK) {
		kf_clock_fix(kf_core_clock(k), now);
		rc = demo_callbacks(k, seed, desk, supervisor, now, err);
	}
end:
	*kf_core_clock(k) = saved;
	if ((rc2 = kf_core_login_as(k, me, rc == KF_OK ? err : NULL)) != KF_OK &&
	    rc == KF_OK)
		rc = rc2;
	return kf_tx_end(k, rc, err);
}
