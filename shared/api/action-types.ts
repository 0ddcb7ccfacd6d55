// Request and response types of every action, following the reference's tables.
// Generated once from the reference's extracted catalog and maintained here by hand.
// Where the reference's examples contradict its tables, the client reads defensively
// (electron/core/api/shapes.ts); these types say what the documentation promises.

/** Data returned by APPGetWechatDeviceTicket. Referenced by name in the output table; fields only from the example. */
export interface WXDeviceInfo {
  DeviceId?: string
  WXIoTDeviceInfo?: WXIoTDeviceInfo
  RequestId?: string
}

/** Nested WeChat device ticket info (APPGetWechatDeviceTicket example). */
export interface WXIoTDeviceInfo {
  SN?: string
  SNTicket?: string
  ModelId?: string
}

/** Item of AppGetProducts 'Products' array; the output table only says 'Array'. Fields from the (broken) example. */
export interface Product {
  ProductId?: string
  Name?: string
  Description?: string
  State?: string
  DataTemplate?: DataTemplate
  AppTemplate?: string
  NetType?: string
  CategoryId?: number
  ProductType?: number
  UpdateTime?: number
}

/** Thing-model (object model) document embedded in Product.DataTemplate. */
export interface DataTemplate {
  version?: string
  profile?: Record<string, unknown>
  properties?: ThingModelProperty[]
  events?: ThingModelEvent[]
  actions?: unknown[]
}

/** Property definition inside DataTemplate.properties. */
export interface ThingModelProperty {
  id?: string
  name?: string
  desc?: string
  required?: boolean
  mode?: string
  define?: ThingModelDefine
}

/** Value definition of a property/event parameter. */
export interface ThingModelDefine {
  type?: string
  mapping?: Record<string, unknown>
  min?: string
  max?: string
  start?: string
  step?: string
  unit?: string
}

/** Event definition inside DataTemplate.events. */
export interface ThingModelEvent {
  id?: string
  name?: string
  desc?: string
  type?: string
  required?: boolean
  params?: unknown
}

/** Item of AppGetFamilyDeviceList.DeviceList ('Device list, see DeviceList' - referenced, never defined). */
export interface DeviceList {
  ProductId?: string
  DeviceName?: string
  DeviceId?: string
  AliasName?: string
  UserID?: string
  RoomId?: string
  IconUrl?: string
  CreateTime?: number
  UpdateTime?: number
}

/** Item of AppGetGatewayBindDeviceList.DeviceList (typed 'Array of DeviceList' but with different fields). */
export interface GatewayBindDeviceItem {
  ProductId?: string
  DeviceName?: string
  DeviceId?: string
  AliasName?: string
  IconUrl?: string
  BindStatus?: number
}

/** Item of AppGetFamilySubDeviceList.DeviceList. */
export interface FamilySubDeviceItem {
  FamilyId?: string
  ProductId?: string
  DeviceName?: string
  DeviceId?: string
  AliasName?: string
  RoomId?: string
  IconUrl?: string
  DeviceType?: number
  CreateTime?: number
  UpdateTime?: number
}

/** Item type of AppGetDeviceStatuses output (table: 'Devices' Array of Devices; the example key is 'DeviceStatuses'). */
export interface Devices {
  DeviceId?: string
  ProductId?: string
  DeviceName?: string
  Online?: number
}

/** Device record returned by AppBindSubDeviceInFamily and AppSigBindDeviceInFamily ('Object of AppDeviceInfo'); not defined, fields from examples; same shape as the AppGetDeviceInFamily output table. */
export interface AppDeviceInfo {
  DeviceId?: string
  ProductId?: string
  DeviceName?: string
  AliasName?: string
  IconUrl?: string
  FamilyId?: string
  RoomId?: string
  CreateTime?: number
  UpdateTime?: number
}

/** Device detail returned by AppGetDeviceInFamily / AppUpdateDeviceInFamily (documented in their output tables; examples nest it in Response.Data). */
export interface FamilyDevice {
  DeviceId?: string
  ProductId?: string
  DeviceName?: string
  AliasName?: string
  IconUrl?: string
  FamilyId?: string
  RoomId?: string
  DeviceType?: number
  CreateTime?: number
  UpdateTime?: number
}

/** AppGetDeviceExtInfo outputs (documented). */
export interface DeviceExtInfo {
  ManufacturerName?: string
  ProductModel?: string
  Mac?: string
  FwVer?: string
  IP?: string
}

/** AppDescribeShareDeviceToken result ('Object of ShareDeviceTokenInfo'); fields from the example. */
export interface ShareDeviceTokenInfo {
  FromUserId?: string
  FromUserNick?: string
  UserId?: string
  UserNick?: string
  ProductId?: string
  DeviceName?: string
  AliasName?: string
  IconUrl?: string
  BindTime?: number
  ExpireTime?: number
  CreateTime?: number
}

/** Item of AppListUserShareDevices.ShareDevices. */
export interface ShareDevices {
  ProductId?: string
  DeviceName?: string
  DeviceId?: string
  AliasName?: string
  IconUrl?: string
  CreateTime?: string
}

/** Item of AppListShareDeviceUsers.Users. */
export interface ShareUserInfo {
  UserId?: string
  CountryCode?: string
  PhoneNumber?: string
  NickName?: string
  Avatar?: string
  BindTime?: number
}

/** Item of AppGetFamilyList.FamilyList ('Please see FamilyList'). */
export interface FamilyList {
  FamilyId?: string
  Name?: string
  Role?: number
  CreateTime?: number
  UpdateTime?: number
}

/** AppDescribeFamily output (documented; example nests it in Response.Data). */
export interface FamilyDetail {
  FamilyId?: string
  FamilyName?: string
  Address?: string
  CreateTime?: number
  UpdateTime?: number
}

/** Item of AppGetRoomList.RoomList ('Please see Roomlist'). */
export interface Roomlist {
  RoomId?: string
  RoomName?: string
  DeviceNum?: number
  CreateTime?: number
  UpdateTime?: number
}

/** Item of AppGetFamilyMemberList.MemberList ('Please see MemberList'). */
export interface MemberList {
  UserID?: string
  NickName?: string
  Avatar?: string
  Role?: number
}

/** Item of AppGetTimerList.TimerList ('Please see TimerList'). */
export interface TimerList {
  TimerId?: string
  TimerName?: string
  ProductId?: string
  DeviceName?: string
  Days?: string
  TimePoint?: string
  Repeat?: number
  Data?: string
  Status?: number
  CreateTime?: number
  UpdateTime?: number
}

/** Item of AppGetMessages Response.Data.Msgs (not in the output table; fields from the broken example). */
export interface Msg {
  UserID?: string
  FromUserID?: string
  MsgID?: string
  Category?: number
  MsgType?: number
  MsgTitle?: string
  MsgContent?: string
  MsgTimestamp?: number
  ProductId?: string
  DeviceName?: string
  DeviceAlias?: string
  FamilyId?: string
  FamilyName?: string
  RelateUserID?: string
  CreateAt?: string
}

/** Item of Actions in scenes (manual intelligence) and automations ('Array of Action'); not defined, structure explained only by comments in the AppCreateAutomation/AppModifyAutomation examples. */
export interface Action {
  ActionType?: number
  ProductId?: string
  DeviceName?: string
  Data?: string
  AliasName?: string
  IconUrl?: string
}

/** Item of automation Conditions ('Array of Condition'); from example comments. */
export interface Condition {
  CondId?: string
  CondType?: number
  Property?: ConditionProperty
  Timer?: ConditionTimer
}

/** Device property condition. */
export interface ConditionProperty {
  ProductId?: string
  DeviceName?: string
  AliasName?: string
  IconUrl?: string
  PropertyId?: string
  Op?: string
  Value?: number
}

/** Timer condition. */
export interface ConditionTimer {
  Days?: string
  TimePoint?: string
}

/** Item of AppGetSceneList.SceneList ('Array of Scene'). */
export interface Scene {
  SceneId?: string
  FamilyId?: string
  SceneName?: string
  SceneIcon?: string
  Actions?: Action[]
  UserId?: string
  CreateTime?: number
  UpdateTime?: number
  Flag?: number
  Status?: number
}

/** Item of AppGetAutomationList.List. */
export interface AutomationListitem {
  AutomationId?: string
  Icon?: string
  Name?: string
  Status?: number
}

/** AppDescribeAutomation Data ('Object of Automation'). */
export interface Automation {
  AutomationId?: string
  Icon?: string
  Name?: string
  Status?: number
  MatchType?: number
  EffectiveBeginTime?: string
  EffectiveEndTime?: string
  EffectiveDays?: string
  Conditions?: Condition[]
  Actions?: Action[]
}

/** Value entry of the JSON string returned in AppGetDeviceData Data: {"<propertyId>": {"Value": ..., "LastUpdate": ...}}. */
export interface DeviceDataValue {
  Value?: unknown
  LastUpdate?: number
}

/** Item of AppGetDeviceDataHistory.Results ('Array of DataHistoryItem', not defined). */
export interface DataHistoryItem {
  Time?: string
  Value?: string
}

/** Item of AppListEventHistory.EventHistory. */
export interface EventHistoryItem {
  TimeStamp?: number
  ProductId?: string
  DeviceName?: string
  EventId?: string
  Type?: string
  Data?: string
}

/** Item of lotVideoDescribeCloudStorageEvents.Events ('Array of CloudStorageEvent', not defined). */
export interface CloudStorageEvent {
  StartTime?: number
  EndTime?: number
  Thumbnail?: string
  EventId?: string
}

/** lotVideoDescribeCloudStorageTime Data ('CloudStorageTimeData', not defined). */
export interface CloudStorageTimeData {
  VideoURL?: string
  TimeList?: CloudStorageTimeInfo[]
}

/** Segment in CloudStorageTimeData.TimeList. */
export interface CloudStorageTimeInfo {
  StartTime?: number
  EndTime?: number
}

/** params of the ActivePush registration (referenced, not defined; from example). */
export interface ActionPushParam {
  DeviceIds?: string[]
  AccessToken?: string
}

/** data of the ActivePush reply (referenced, not defined; from example). */
export interface ActionPushData {
  deviceIds?: string[]
}

/** params of the YunApi message used for the heartbeat (referenced, not defined; from example). */
export interface YunApiParam {
  Action?: string
  ActionParams?: Record<string, unknown>
}

/** params of a DeviceChange push (documented in '5. Parameter Descriptions'). */
export interface DeviceChangeParams {
  Time?: string
  Type?: string
  SubType?: string
  Topic?: string
  Payload?: string
  Seq?: number
  DeviceId?: string
}

/** Decoded Payload of a Template/Push message (thing-model control). */
export interface PayloadControl {
  method?: string
  clientToken?: string
  params?: Record<string, unknown>
}

/** Decoded Payload of an Action request push. */
export interface PayloadAction {
  method?: string
  clientToken?: string
  actionId?: string
  timestamp?: number
  params?: Record<string, unknown>
}

/** Decoded Payload of an Action/Report push (device's action_reply). */
export interface PayloadActionReply {
  method?: string
  clientToken?: string
  code?: number
  status?: string
  response?: Record<string, unknown>
}

export interface ActionRequests {
  AppGetTokenByWeiXin: { WxOpenID: string; Nickname: string; Avatar: string }
  AppLogoutUser: Record<string, never>
  AppCreateDeviceBindToken: Record<string, never>
  AppGetDeviceBindTokenState: { Token: string }
  AppTokenBindDeviceFamily: { Token: string; ProductId: string; DeviceName: string; FamilyId: string; RoomId: string }
  APPGetWechatDeviceTicket: { ProductId: string; Devicename: string; IsThirdApp: number; ModelId?: string; MiniProgramAppId?: string }
  AppGetProducts: { ProductIds: string[]; DeviceIds?: string[] }
  AppDeleteDeviceInFamily: { FamilyId: string; RoomId: string; ProductId: string; DeviceName: string }
  AppGetFamilyDeviceList: { FamilyId: string; RoomId: string; Offset?: number; Limit?: number }
  AppGetDeviceStatuses: { DeviceIds: string[] }
  AppUpdateDeviceInFamily: { ProductId: string; DeviceName: string; AliasName: string }
  AppGetDeviceInFamily: { ProductId: string; FamilyId: string; DeviceName: string }
  AppGetDeviceExtInfo: { DeviceId: string }
  AppModifyFamilyDeviceRoom: { FamilyId: string; RoomId: string; ProductId: string; DeviceName: string }
  AppBindSubDeviceInFamily: { GatewayProductId: string; GatewayDeviceName: string; ProductId: string; DeviceName: string }
  AppGetGatewayBindDeviceList: { ProductId: string; GatewayProductId: string; GatewayDeviceName: string; Offset: number; Limit: number }
  AppGetFamilySubDeviceList: { GatewayProductId: string; GatewayDeviceName: string; Offset: number; Limit: number }
  AppReportDataAsDevice: { DeviceId: string; Data: string; Timestamp: number }
  AppPublishMsgAsDevice: { ProductId: string; DeviceName: string; Topic: string; Payload: string }
  AppReportDeviceEvent: { DeviceId: string; EventId: string; Params: string; Method: string; EventTimeStamp: number }
  AppSigBindDeviceInFamily: { FamilyId: string; ProductId: string; DeviceName: string; RoomId?: string; DeviceTimestamp: number; ConnId?: string; Signature: string; BindType: string; SignMethod?: string }
  AppSigGatewayBindDevice: { DeviceName: string; GatewayProductId: string; GatewayDeviceName: string; DeviceTimestamp: number; Nonce: string; Signature: string }
  AppGatewayUnbindDevice: { DeviceName: string; GatewayProductId: string; GatewayDeviceName: string }
  AppControlDeviceData: { ProductId: string; DeviceName: string; Data: string }
  AppCallDeviceActionSync: { ProductId: string; DeviceName: string; ActionId: string; InputParams?: string }
  AppCallDeviceActionAsync: { ProductId: string; DeviceName: string; ActionId: string; InputParams?: string }
  AppSendShareDeviceInvite: { ProductId: string; DeviceName: string; ToUserId: string }
  AppCreateShareDeviceToken: { FamilyId: string; ProductId: string; DeviceName: string; TokenContext?: string }
  AppDescribeShareDeviceToken: { ShareDeviceToken: string }
  AppBindUserShareDevice: { ShareDeviceToken: string; ProductId: string; DeviceName: string }
  AppListUserShareDevices: { Offset: number; Limit: number }
  AppRemoveUserShareDevice: { ProductId: string; DeviceName: string }
  AppListShareDeviceUsers: { ProductId: string; DeviceName: string; Offset: number; Limit: number }
  AppRemoveShareDeviceUser: { RemoveUserId: string; ProductId: string; DeviceName: string }
  AppCreateFamily: { Name: string; Address: string }
  AppDeleteFamily: { Name: string; FamilyId: string }
  AppModifyFamily: { Name: string; FamilyId: string; Address: string }
  AppGetFamilyList: { Offset?: number; Limit?: number }
  AppDescribeFamily: { FamilyId: string }
  AppCreateRoom: { FamilyId: string; Name: string }
  AppModifyRoom: { FamilyId: string; Name?: string; RoomId: string }
  AppDeleteRoom: { FamilyId: string; RoomId: string }
  AppGetRoomList: { Offset?: number; Limit?: number; FamilyId?: string }
  AppInviteMember: { FamilyId: string }
  AppJoinFamily: { ShareToken: string }
  AppDeleteFamilyMember: { FamilyId?: string; MemberId: string }
  AppExitFamily: { FamilyId: string }
  AppGetFamilyMemberList: { Offset?: number; Limit?: number; FamilyId: string }
  AppSendShareFamilyInvite: { FamilyId: string; ToUserId: string }
  AppCreateTimer: { ProductId: string; DeviceName: string; TimerName: string; Days: string; TimePoint: string; Repeat: number; Data: string }
  AppModifyTimer: { ProductId: string; DeviceName: string; TimerName: string; TimerId: string; TimePoint: string; Days: string; Repeat: number; Data: string }
  AppDeleteTimer: { ProductId: string; DeviceName: string; TimerId: string }
  AppModifyTimerStatus: { ProductId: string; DeviceName: string; TimerId: string; Status?: number }
  AppGetTimerList: { ProductId: string; DeviceName: string; Offset?: number; Limit?: number }
  AppReportFirmwareVersion: { ProductId: string; DeviceName: string; Version: string }
  AppCheckFirmwareUpdate: { ProductId: string; DeviceName: string }
  AppGetDeviceOTAInfo: { ProductId: string; DeviceName: string }
  AppPublishFirmwareUpdateMessage: { ProductId: string; DeviceName: string }
  AppReportOTAStatus: { ProductId: string; DeviceName: string; Version: string; State: string; ResultCode: number; ResultMsg?: string; Persent?: number }
  AppDescribeFirmwareUpdateStatus: { ProductId: string; DeviceName: string }
  AppDescribeFirmware: { ProductID: string; FirmwareVersion: string }
  AppGetMessages: { Category: number; MsgID?: string; MsgTimestamp?: number; Limit: number }
  AppDeleteMessage: { MsgID: string }
  AppCreateScene: { FamilyId: string; SceneName: string; SceneIcon: string; Actions: Action[] }
  AppGetSceneList: { FamilyId: string; Offset: number; Limit: number }
  AppDeleteScene: { SceneId: string }
  AppModifyScene: { SceneId: string; SceneName: string; SceneIcon: string; Actions: Action[] }
  AppRunScene: { SceneId: string }
  AppCreateAutomation: { FamilyId: string; Icon: string; Name: string; Status: number; MatchType: number; Conditions: Condition[]; Actions: Action[]; EffectiveBeginTime: string; EffectiveEndTime: string; EffectiveDays: string }
  AppGetAutomationList: { FamilyId: string }
  AppDescribeAutomation: { AutomationId: string }
  AppDeleteAutomation: { AutomationId: string }
  AppModifyAutomation: { AutomationId: string; Icon: string; Name: string; Status: number; MatchType: number; Conditions: Condition[]; Actions: Action[]; EffectiveBeginTime: string; EffectiveEndTime: string; EffectiveDays: string }
  AppModifyAutomationStatus: { AutomationId: string; Status: number }
  AppGetDeviceData: { ProductId: string; DeviceName: string }
  AppGetDeviceDataHistory: { DeviceId: string; FieldName: string; Context?: string; MinTime: number; MaxTime: number; Limit: number }
  AppListEventHistory: { ProductId: string; DeviceName: string; Type?: string; StartTime?: number; EndTime?: number; Context?: string; Size?: number; EventId?: string }
  lotVideoDescribeCloudStorageEvents: { ProductId: string; DeviceName: string; StartTime?: number; EndTime?: number; Context?: string; Size?: number; EventId?: string; UserId?: string; ChannelId?: number }
  IotVideoDescribeCloudStorageEvents: { ProductId: string; DeviceName: string; StartTime?: number; EndTime?: number; Context?: string; Size?: number; EventId?: string; UserId?: string; ChannelId?: number }
  lotVideoDescribeCloudStorageThumbnail: { ProductId: string; DeviceName: string; Thumbnail: string }
  IotVideoDescribeCloudStorageThumbnail: { ProductId: string; DeviceName: string; Thumbnail: string }
  lotVideoDescribeCloudStorageDate: { ProductId: string; DeviceName: string; UserId?: string }
  IotVideoDescribeCloudStorageDate: { ProductId: string; DeviceName: string; UserId?: string }
  lotVideoDescribeCloudStorageTime: { ProductId: string; DeviceName: string; Date: string; StartTime?: number; EndTime?: number; UserId?: string }
  IotVideoDescribeCloudStorageTime: { ProductId: string; DeviceName: string; Date: string; StartTime?: number; EndTime?: number; UserId?: string }
  lotVideoGenerateSignedVideoURL: { ProductId: string; DeviceName: string; VideoURL: string; ExpireTime: number }
  IotVideoGenerateSignedVideoURL: { ProductId: string; DeviceName: string; VideoURL: string; ExpireTime: number }
  lotVideoDescribeCloudStorageStreamData: { ProductId: string; DeviceName: string; StartTime: number }
  IotVideoDescribeCloudStorageStreamData: { ProductId: string; DeviceName: string; StartTime: number }
  AppKugouUserCommand:
    | { KGCommand: "playlist_song"; DeviceId: string; KugouParams: Record<string, unknown> }
    | { KGCommand: "song_url"; DeviceId: string; KugouParams: Record<string, unknown> }
    | { KGCommand: "awesome_everyday"; DeviceId: string; KugouParams: Record<string, unknown> }
    | { KGCommand: "song_infos"; DeviceId: string; KugouParams: Record<string, unknown> }
    | { KGCommand: "playlist_awesome"; DeviceId: string; KugouParams: Record<string, unknown> }
    | { KGCommand: "awesome_newsong"; DeviceId: string; KugouParams: Record<string, unknown> }
    | { KGCommand: "user_logout"; DeviceId: string; KugouParams: Record<string, unknown> }
    | { KGCommand: "user_info"; DeviceId: string; KugouParams: Record<string, unknown> }
  /** Not in the reference: Tencent's apps sign in with it (Type phone or email). */
  AppGetToken: { Type: 'email' | 'phone'; Email?: string; CountryCode?: string; PhoneNumber?: string; Password: string }
}

export interface ActionResponses {
  AppGetTokenByWeiXin: { ExpireAt: number; Token: string }
  AppLogoutUser: { Data: string }
  AppCreateDeviceBindToken: { Token: string }
  AppGetDeviceBindTokenState: { State: number }
  AppTokenBindDeviceFamily: Record<string, unknown>
  APPGetWechatDeviceTicket: { Data: WXDeviceInfo }
  AppGetProducts: { Products: Product[] }
  AppDeleteDeviceInFamily: Record<string, unknown>
  AppGetFamilyDeviceList: { Total: number; DeviceList: DeviceList[] }
  AppGetDeviceStatuses: { Devices: Devices[] }
  AppUpdateDeviceInFamily: { DeviceId: string; ProductId: string; DeviceName: string; AliasName: string; IconUrl: string; FamilyId: string; RoomId: string; CreateTime: number; UpdateTime: number }
  AppGetDeviceInFamily: { DeviceId: string; ProductId: string; DeviceName: string; AliasName: string; IconUrl: string; FamilyId: string; RoomId: string; CreateTime: number; UpdateTime: number }
  AppGetDeviceExtInfo: { ManufacturerName: string; ProductModel: string; Mac: string; FwVer: string; IP: string }
  AppModifyFamilyDeviceRoom: Record<string, unknown>
  AppBindSubDeviceInFamily: { AppDeviceInfo: AppDeviceInfo }
  AppGetGatewayBindDeviceList: { Total: string; DeviceList: DeviceList[] }
  AppGetFamilySubDeviceList: { Total: string; DeviceList: DeviceList[] }
  AppReportDataAsDevice: { Data: string }
  AppPublishMsgAsDevice: Record<string, unknown>
  AppReportDeviceEvent: Record<string, unknown>
  AppSigBindDeviceInFamily: { AppDeviceInfo: AppDeviceInfo }
  AppSigGatewayBindDevice: Record<string, unknown>
  AppGatewayUnbindDevice: Record<string, unknown>
  AppControlDeviceData: { Data: string }
  AppCallDeviceActionSync: { ClientToken: string; Status: string; OutputParams: string }
  AppCallDeviceActionAsync: { ClientToken: string; Status: string }
  AppSendShareDeviceInvite: { Status: string }
  AppCreateShareDeviceToken: { ShareDeviceToken: string }
  AppDescribeShareDeviceToken: { ShareDeviceTokenInfo: ShareDeviceTokenInfo; AliasName: string; IconUrl: string }
  AppBindUserShareDevice: { Status: string }
  AppListUserShareDevices: { Total: number; ShareDevices: ShareDevices[] }
  AppRemoveUserShareDevice: { Status: string }
  AppListShareDeviceUsers: { Total: number; Users: ShareUserInfo[] }
  AppRemoveShareDeviceUser: { Status: string }
  AppCreateFamily: { FamilyId: string }
  AppDeleteFamily: Record<string, unknown>
  AppModifyFamily: Record<string, unknown>
  AppGetFamilyList: { Total: number; FamilyList: FamilyList[] }
  AppDescribeFamily: { FamilyId: string; FamilyName: string; Address: string; CreateTime: number; UpdateTime: number }
  AppCreateRoom: { RoomId: string }
  AppModifyRoom: Record<string, unknown>
  AppDeleteRoom: Record<string, unknown>
  AppGetRoomList: { Total: number; RoomList: Roomlist[] }
  AppInviteMember: { ShareToken: string }
  AppJoinFamily: Record<string, unknown>
  AppDeleteFamilyMember: Record<string, unknown>
  AppExitFamily: Record<string, unknown>
  AppGetFamilyMemberList: { Total: number; MemberList: MemberList[] }
  AppSendShareFamilyInvite: Record<string, unknown>
  AppCreateTimer: { TimerId: string; TimerName: string }
  AppModifyTimer: Record<string, unknown>
  AppDeleteTimer: Record<string, unknown>
  AppModifyTimerStatus: Record<string, unknown>
  AppGetTimerList: { TimerList: TimerList[]; Total: number }
  AppReportFirmwareVersion: Record<string, unknown>
  AppCheckFirmwareUpdate: { CurrentVersion: string; DstVersion: string }
  AppGetDeviceOTAInfo: { FirmwareURL: string; TargetVersion: string; UploadVersion: string }
  AppPublishFirmwareUpdateMessage: Record<string, unknown>
  AppReportOTAStatus: Record<string, unknown>
  AppDescribeFirmwareUpdateStatus: { OriVersion: string; DstVersion: string; ErrMsg: string; Percent: number; Status: number }
  AppDescribeFirmware: { ProductId: string; Name: string; Description: string; Md5sum: string; Createtime: number; ProductName: string; FwType: string; Version: string }
  AppGetMessages: { Listover: string }
  AppDeleteMessage: { Data: string }
  AppCreateScene: { SceneId: string }
  AppGetSceneList: { SceneList: Scene[]; Total: number }
  AppDeleteScene: Record<string, unknown>
  AppModifyScene: Record<string, unknown>
  AppRunScene: Record<string, unknown>
  AppCreateAutomation: { AutomationId: string }
  AppGetAutomationList: { List: AutomationListitem[] }
  AppDescribeAutomation: { Data: Automation }
  AppDeleteAutomation: Record<string, unknown>
  AppModifyAutomation: Record<string, unknown>
  AppModifyAutomationStatus: Record<string, unknown>
  AppGetDeviceData: { Data: string }
  AppGetDeviceDataHistory: { Context: string; FieldName: string; Listover: boolean; Results: DataHistoryItem[] }
  AppListEventHistory: { Context: string; Total: number; Listover: boolean; EventHistory: EventHistoryItem[] }
  lotVideoDescribeCloudStorageEvents: { Events: CloudStorageEvent[]; Context: string; Listover: boolean; Total: number; VideoURL: string }
  IotVideoDescribeCloudStorageEvents: { Events: CloudStorageEvent[]; Context: string; Listover: boolean; Total: number; VideoURL: string }
  lotVideoDescribeCloudStorageThumbnail: { ThumbnailURL: string }
  IotVideoDescribeCloudStorageThumbnail: { ThumbnailURL: string }
  lotVideoDescribeCloudStorageDate: { Data: string[] }
  IotVideoDescribeCloudStorageDate: { Data: string[] }
  lotVideoDescribeCloudStorageTime: { Data: CloudStorageTimeData }
  IotVideoDescribeCloudStorageTime: { Data: CloudStorageTimeData }
  lotVideoGenerateSignedVideoURL: { SignedVideoURL: string }
  IotVideoGenerateSignedVideoURL: { SignedVideoURL: string }
  lotVideoDescribeCloudStorageStreamData: { VideoStream: string; AudioStream: string }
  IotVideoDescribeCloudStorageStreamData: { VideoStream: string; AudioStream: string }
  AppKugouUserCommand: { ErrorCode: number; ErrorMsg: string; Data: Record<string, unknown> }
  AppGetToken: { Token: string; ExpireAt: number }
}

/** Every HTTP action the client can call by name. */
export type ActionName = keyof ActionRequests
