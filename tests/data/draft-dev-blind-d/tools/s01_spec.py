import sys, pathlib; HERE = pathlib.Path(__file__).resolve().parent; sys.path.insert(0, str(HERE)); from spec_helper import build
D=str(HERE.parent)+'/'
n='01-sudan-el-obeid-shelling'
H='north-kordofan-health-ministry'; A='sudanese-armed-forces'
build(D+n+'.txt',
 quotes=[(H,'The shells fell on women and children buying bread'),('rsf-spokesman','only military positions'),(A,'pure fantasy'),('sudanese-army-spokesman','dozens'),('saudi-foreign-ministry','still on the table'),('au-commission-chairperson','There is no military solution to this conflict')],
 dates=[('late on Monday','2026-11-16 late'),('Sunday','2026-11-15'),('Tuesday','2026-11-17'),('Sunday','2026-11-15'),('earlier this month','2026-11'),('September','2026-09'),('Wednesday','2026-11-18'),('April 2023','2023-04'),('October last year','2025-10'),('2023','2023')],
 mentions=[('RSF','rsf'),('El Obeid','el-obeid'),('Sudan','sudan'),('army',A),('Bara','bara'),
  ('Rapid Support Forces','rsf'),('RSF','rsf'),('El Obeid','el-obeid'),('health ministry',H),('North Kordofan','north-kordofan'),('Sudan','sudan'),('army',A),('Bara','bara'),
  ('ministry',H),
  ('RSF','rsf'),('spokesman','rsf-spokesman'),('El Obeid','el-obeid'),('army',A),('Bara','bara'),('RSF','rsf'),('Bara','bara'),
  ('army',A),('army spokesman','sudanese-army-spokesman'),('Port Sudan','port-sudan'),('RSF','rsf'),
  ('Saudi Arabia','saudi-arabia'),('United States','united-states'),('Saudi','saudi-arabia'),('foreign ministry','saudi-foreign-ministry'),('Riyadh','saudi-arabia-government'),('army',A),('RSF','rsf'),('army',A),('RSF','rsf'),('Kordofan','kordofan'),
  ('African Union','african-union'),('AU','african-union'),('Commission chairperson','au-commission-chairperson'),
  ('army',A),('RSF','rsf'),('RSF','rsf'),('El Fasher','el-fasher'),('army',A),('Darfur','darfur'),('Kordofan','kordofan'),('Saudi Arabia','saudi-arabia'),('United States','united-states'),('Jeddah','jeddah')],
 events=[('el-obeid-shelling','Shelling'),('rsf-el-obeid-positions-per-rsf','targeted'),('bara-recapture','retaken'),('bara-air-strikes-per-rsf','air strikes'),('riyadh-meetings','meetings'),('sudan-war','war'),('el-fasher-capture','took'),('jeddah-talks','Talks'),('jeddah-declaration','declaration')],
 out=D+'tools/spec/'+n+'.spec.yaml')
