/** The `privacy` namespace in Chinese: exporting and erasing one's own data (个人信息保护法). */
export const zhCN = {
  passwordWrong: '密码不对：请填您的登录密码来确认。',
  /** The notice a worker accepts by registering (version PRIVACY_NOTICE_VERSION): change both together. */
  notice: [
    '零工市场个人信息保护告知书',
    '我们收集您的姓名、身份证号、手机号、户籍地与常住地、位置、技能和空闲时间，用于实名登记、匹配零工岗位、推送用工邀约、签订电子合同和保障工资支付。',
    '身份证号加密保存，任何页面只显示部分号码；您的位置和联系方式只有您本人和人社部门管理员可见，用工单位只能看到距离。',
    '您可以随时导出您的全部信息，也可以注销账号；注销后个人信息被删除，但为处理可能的欠薪争议，用工记录和工资记录会保留。',
  ].join('\n'),
};
