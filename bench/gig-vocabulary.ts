// The words of the synthetic market: what employers in the seed counties post, as they write it.
// One line per trade keeps 38 trades readable; search scenarios draw their queries from the same
// words, so a query finds gigs the way a worker's would.

export type Trade = {
  code: string;
  /** What a day of this work pays, in yuan, before the minimum wage is applied. */
  dayYuan: readonly [number, number];
  titles: readonly string[];
  /** What a worker types to find this work; each word is in the titles or the trade's synonyms. */
  words: readonly string[];
  work: readonly string[];
  /** Trades paid by the piece: the unit and how many an hour a worker manages. */
  piece?: { unit: string; perHour: readonly [number, number] };
};

// code | day pay (yuan) | titles | search words | the work (；between variants) | piece unit:per hour
const TABLE = `
welder|280-420|钢结构厂房电焊工、车间氩弧焊、管道焊接师傅、彩钢棚焊接、护栏焊接 日结、钢结构二保焊工|电焊、氩弧焊、钢结构、焊接|厂房钢梁和檩条焊接，需持焊工证；车间不锈钢件氩弧焊，焊缝要求平整；彩钢棚立柱和横梁焊接，高处作业系安全带
electrician|250-380|厂房低压电工、小区线路检修电工、工地临时用电电工、维修电工 日结、农村电网改造接电|电工、线路、接电|厂房照明和动力线路敷设，需持低压电工证；小区老旧线路排查检修；工地临时用电接线和配电箱维护
bricklayer|260-400|砌墙瓦工、农村自建房瓦工、围墙砌筑师傅、化粪池砌筑瓦匠|瓦工、砌墙、自建房、瓦匠|农村两层自建房砌墙，砖和砂浆现场备好；院子围墙砌筑和勾缝；厂区化粪池砌筑抹面
rebar_worker|250-380|工地绑钢筋、钢筋工 按天结、桥梁钢筋绑扎、楼板钢筋绑扎|钢筋、绑钢筋|住宅楼楼板钢筋绑扎，按图施工；桥梁墩柱钢筋绑扎，有经验优先
carpenter|280-400|支模木工、工地模板工、家装木工师傅、木工吊顶隔墙|木工、支模、模板、吊顶|住宅楼主体支模，自带锤子和手锯；新房石膏板吊顶和隔墙；厂房模板拆装
painter|220-350|刷墙油漆工、刮腻子刷漆、厂房钢构喷漆、门窗油漆翻新|油漆、刷漆、刮腻子、喷漆|新房内墙刮腻子、打磨、刷乳胶漆；厂房钢结构除锈喷漆；老小区门窗和栏杆刷漆翻新
scaffolder|300-450|外墙脚手架搭设、架子工 持证上岗、厂房检修搭架子|架子工、脚手架、搭架子|住宅楼外墙脚手架搭设和拆除，需持登高架设证；厂房检修平台搭设
waterproofer|220-320|屋面防水补漏、卫生间做防水、地下室卷材防水|防水、补漏|平房屋面清理后刷防水涂料；新房卫生间和厨房做防水，闭水试验合格后结账；地下室卷材铺贴
plumbing_electrical_installer|250-380|新房水电安装、水电改造师傅、门面房水电布线|水电、布线、水电改造|新房开槽布管和穿线；老房水电改造，自带工具；门面房照明和插座布线
concrete_worker|250-380|打灰工 夜班、混凝土浇筑振捣、乡村道路硬化打灰|打灰、混凝土、浇筑|楼板混凝土浇筑和振捣，晚上施工；村里道路硬化，摊铺和收面
tile_setter|280-420|瓷砖铺贴师傅、卫生间贴砖、门面房铺地砖|贴砖、瓷砖、铺地砖|新房客厅和卧室铺地砖，要求平整无空鼓；卫生间墙砖铺贴
construction_helper|160-240|工地小工、建筑力工 日结、搬砖和灰小工、工地杂工 清理垃圾|小工、力工、杂工、搬砖|工地搬砖、和灰、递料；楼层垃圾清理下楼；配合大工干活，听从班组安排
cleaner|130-200|写字楼开荒保洁、新房开荒保洁、商场日常保洁、厂区保洁 日结、学校假期大扫除|保洁、开荒保洁、大扫除、打扫卫生|新交房的开荒保洁，清理水泥点和玻璃；写字楼公共区域日常保洁；学校教室和楼道大扫除
housekeeping|150-220|钟点工 做家务、家政保洁 小时工、家庭大扫除、擦玻璃 钟点工|钟点工、家政、小时工、擦玻璃|居民家中打扫卫生、擦玻璃、整理厨房；独居老人家中做饭和打扫，就近优先
elderly_care|150-230|敬老院护理员、居家养老护理 白班、照顾老人 陪护|养老护理、照顾老人、护理员|敬老院协助老人吃饭、洗漱、翻身；居家照顾失能老人，有护理经验优先
patient_caregiver|180-260|医院陪护 护工、术后陪护、住院病人陪床|陪护、护工、陪床|县医院骨科病人陪护，协助翻身和如厕；术后一周陪护，医院提供陪护床
house_moving|180-280|搬家师傅 跟车、搬家搬运 日结、家具拆装搬运|搬家、搬运、家具|居民搬家跟车搬运，小区有电梯；办公室搬迁，家具拆装
cook|200-320|乡镇食堂厨师、工地食堂炒菜师傅、饭店帮灶厨师|厨师、炒菜、食堂|工地食堂一百人的午饭和晚饭，家常菜为主；镇政府食堂炒菜，需有健康证
kitchen_helper|130-180|食堂帮厨 切配、饭店厨房杂工、酒店配菜工|帮厨、切配、配菜|食堂洗菜、切菜、配菜；饭店后厨打杂，听厨师安排
dishwasher|110-160|饭店洗碗工、酒席洗碗、食堂刷碗|洗碗、刷碗|饭店中午和晚上两个饭点洗碗；婚宴酒席洗碗和收拾餐具
waiter|120-180|婚宴服务员 日结、饭店传菜员 周末、酒店宴会服务员|服务员、传菜、婚宴|婚宴摆台、上菜、收台；饭店周末传菜
banquet_cook|300-500|红白事流水席厨师、乡村大席掌勺、酒席厨师 带帮厨|流水席、大席、酒席|村里办酒席，二十桌左右，主家备料；流水席掌勺，需自带帮厨
crop_farming|100-160|玉米地除草、小麦田间管理、花生播种、红薯栽秧|除草、播种、田间管理|玉米地人工除草和间苗；花生地播种覆膜；红薯栽秧浇水
greenhouse_management|110-170|蔬菜大棚管理、西红柿大棚吊蔓、草莓大棚管理、大棚揭膜放风|大棚、吊蔓、草莓|西红柿大棚吊蔓、打杈；草莓大棚除草和摘老叶；蔬菜大棚放风和浇水
harvest_picking|110-180|大蒜采收、苹果采摘 日结、桃园摘桃、梨园采摘、辣椒采收、葡萄采摘|采摘、采收、大蒜、苹果、摘桃|蒜地起蒜、剪根、装袋；苹果园采摘装筐，轻拿轻放；桃园摘桃分拣|斤:20-60
fruit_tree_pruning|150-240|苹果树剪枝、梨树疏果套袋、果园修剪、桃树冬季修剪|剪枝、疏果、套袋、果园|苹果园冬季修剪，有剪枝经验；梨树疏果和套袋，园主现场教方法
livestock_poultry|130-200|养鸡场饲养员、养猪场清圈喂料、养牛场饲养工|养鸡、养猪、饲养员|养鸡场喂料、捡蛋、清粪；猪场清圈和喂料，场里管吃住
agri_processing|100-160|剥蒜 计件、大蒜分级加工、辣椒晾晒分拣、红薯粉条加工|剥蒜、大蒜加工、晾晒|冷库大蒜剥皮和分级，按斤计件；辣椒晾晒、翻晒、去把|斤:8-20
sorting|130-190|果蔬分拣、仓库理货分拣、冷库蔬菜挑拣|分拣、理货、挑拣|冷库蔬菜按大小挑拣装箱；仓库理货、拣货、贴单
packing|130-190|电商仓库打包、水果装箱打包、食品厂包装工|打包、包装、装箱|电商仓库订单打包、贴面单；水果装箱封箱，按箱计件|箱:20-60
loading_unloading|180-300|货车装卸工、化肥卸车、物流园装车、粮库扛包|装卸、卸车、装车、扛包|物流园货车装卸，每件二三十斤；化肥和饲料卸车码垛|件:30-80
parcel_sorting|150-230|快递中转场分拣 夜班、快递分拣 临时工、电商大促快递分拣|快递分拣、扫件、中转场|中转场夜班分拣和扫件；大促期间快递分拣、建包
forklift_operator|200-280|仓库叉车司机、物流园叉车工|叉车|仓库托盘装卸和上架，需持叉车证
driver|220-350|货车司机 拉货、送货司机 县内、面包车送货|司机、拉货、送货|县城到乡镇送货，车辆由公司提供，需C1驾照；蓝牌货车拉货
factory_worker|150-220|电子厂流水线普工、食品厂普工、服装厂操作工、纸箱厂普工|普工、流水线、操作工|电子厂流水线组装，坐着干活；食品厂装袋、封口、装箱
sewing|150-240|服装厂缝纫工、箱包缝纫 计件、家纺厂缝纫|缝纫、服装加工|服装厂平车缝纫，熟手优先；箱包厂缝纫，按件计|件:10-40
willow_weaving|90-150|柳编篮子 计件、柳条编织、草柳编工艺品|柳编、编筐|柳编篮子和收纳筐，可在家做，按件收货|件:2-6
home_handwork|80-140|在家手工串珠、手工粘花 计件、外发手工活|手工、串珠、粘花|串珠和粘花，材料送到村里，按件结算|件:10-30
security_guard|120-180|工地夜班保安、活动安保 临时、小区门卫 白班|保安、门卫、安保|工地夜间巡逻看守材料；县城活动现场维持秩序
greening_maintenance|120-180|园林绿化养护、绿篱修剪、道路绿化浇水、公园除草|绿化、园林、绿篱|道路两侧绿化带浇水和除草；公园绿篱修剪
road_maintenance|130-200|乡村公路养护、路面修补、公路边沟清理|公路养护、修路|乡村公路坑槽修补；公路边沟清淤和除草
sanitation|110-160|街道清扫保洁、垃圾清运 临时、集市散集清扫|环卫、清扫、垃圾清运|镇上主街清扫，早上开工；集市散集后垃圾清运
`;

const range = (text: string): [number, number] => {
  const [low, high] = text.split('-').map(Number);
  return [low ?? 0, high ?? low ?? 0];
};

export const TRADES: readonly Trade[] = TABLE.trim()
  .split('\n')
  .map((line) => {
    const [code = '', pay = '', titles = '', words = '', work = '', piece] = line.split('|');
    const [unit = '件', perHour = '10-20'] = piece?.split(':') ?? [];
    return {
      code,
      dayYuan: range(pay),
      titles: titles.split('、'),
      words: words.split('、'),
      work: work.split('；'),
      ...(piece ? { piece: { unit, perHour: range(perHour) } } : {}),
    };
  });

/** Trades the table does not cover are posted too, in the plainest words. */
export function genericTrade(code: string, name: string): Trade {
  return {
    code,
    dayYuan: [140, 240],
    titles: [`${name}零工`, `${name}临时工`, `急招${name}`, `${name} 日结`],
    words: [name],
    work: [`${name}相关的活儿，具体内容到现场听东家安排`],
  };
}

/** What employers add after the work itself; none of it may limit who applies. */
export const CONDITIONS = [
  '管午饭',
  '中午管一顿饭',
  '现场提供饮用水',
  '工具由东家提供',
  '需自带手套',
  '新手可以带',
  '干完当天结账',
  '工钱按约定日期结清',
  '离镇上近，骑电动车就能到',
  '早上在村委会门口集合，统一坐车过去',
  '有休息的地方',
  '下雨顺延',
  '需要会用智能手机打卡',
] as const;

export const OLDER_FRIENDLY_NOTE = '活儿不重，节奏不赶，欢迎上了年纪的师傅';
export const PUBLIC_WELFARE_NOTE = '公益性岗位，优先安排就业困难人员';

/** Where on a town's map a gig is: after the town's name. */
export const PLACES = [
  '东街村',
  '西关村',
  '南王庄村',
  '北李家营',
  '工业园区',
  '建设路',
  '幸福路东段',
  '农贸市场北侧',
  '镇政府西侧',
  '中心小学对面',
  '物流园',
  '果蔬批发市场',
  '张家庄',
  '刘家湾',
  '新区安置小区',
] as const;

export const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '孙', '周', '吴', '郑', '马'] as const;
export const BRANDS = [
  '鑫源',
  '宏达',
  '金穗',
  '丰泽',
  '恒通',
  '兴旺',
  '顺发',
  '绿源',
  '德润',
  '瑞丰',
] as const;
export const BUSINESSES = {
  ENTERPRISE: ['钢结构有限公司', '建筑劳务有限公司', '物流有限公司', '食品有限公司', '物业管理有限公司'],
  COOPERATIVE: ['果蔬专业合作社', '农机专业合作社', '蔬菜种植专业合作社'],
  FAMILY_FARM: ['家庭农场'],
  INDIVIDUAL: ['装修队', '家政服务部'],
  PUBLIC_INSTITUTION: ['环境卫生服务中心', '公路养护中心'],
} as const;
