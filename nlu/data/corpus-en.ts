/**
 * English message cores, one per line, written for Sapa's taxonomy (including the non-native English that
 * Indonesian customers write). Slots in braces are filled by generate.ts: {amt} {bank} {store} {merchant}
 * {time} {days} {bill} {ewallet} {n}.
 */
export const EN: Record<string, string> = {
  topup_failed: `
+ you scammers took my {amt} and the top up never showed up
+ topped up, money gone, balance the same. scam app
topped up {amt} from {bank} mobile banking {time}, money left my bank but wallet balance still the same
my top up via virtual account is stuck on pending
paid {amt} at {store} cashier to top up, got the receipt but nothing came in
tried to add money with my debit card and it keeps saying top up failed
top-up through {bank} VA not credited yet, already {days}
why is my topup still processing? it has been hours
I loaded {amt} at an agent, he says it went through but my balance didn't change
topup failed but my bank account already got debited {amt}
the virtual account number expired while I was paying, now my money is hanging
reload wallet from credit card declined every time
I transferred to my own top up account number and the saldo never updated
hi, my topup is not in, reference number attached
topped up twice by accident and got charged twice, only one went in
top up from {bank} atm went through on the bank side, my wallet got nothing
cant top up my wallet, error "transaction cannot be processed"
added funds {time}, still showing pending in history
the {store} code for topping up is not working at the counter
my top up is missing, bank statement shows it left
balance not increased after top up via {bank} internet banking
i did the top-up correctly following the steps but saldo not in
top up keeps failing right after I choose the bank
is there a problem with topups? mine from {bank} didn't arrive
I paid the top-up code at {store} yesterday and cashier gave struk but no balance
how long does a top up take? been {days} and nothing
wallet reload failed, card got charged anyway
my top up of {amt} disappeared, not in the wallet not in the bank
the app says top up successful but my balance did not go up
can't add balance, VA payment not detected
topup pending forever, please check
tried topping up via {bank} twice, both failed, money deducted once
put money in through the agent counter and it's not showing
load money failed, error code TU-13
top up stuck. bank says success, wallet says waiting for payment
tried to top up using {ewallet} balance transfer, failed and no refund
topup not reflecting after {days}, need help
bank transfer to my wallet number didn't reflect in balance
top up fail
hello, I made a top up {time} using {bank} transfer. The money was debited from my account but my wallet balance has not changed at all. Please check
why my topup not enter yet
deposit into wallet not showing
add money from bank, nothing happened, already 3 tries
the {store} cashier took my {amt} for a wallet reload but it never showed up
topup refund? it failed but my bank hasn't returned the money
reload via {bank} virtual account, still waiting after {days}
the top up i did through the agent hasn't been credited, he has the receipt
my balance isn't updated after topping up {amt}
hi, this morning i topped up {amt} through {bank} mobile banking, the bank sent me a success sms and the money is gone from my account, but my wallet still shows the old balance. what happened?
I am trying to fill my wallet using my debit card since {time} but every attempt ends with "top up failed". my card works fine elsewhere
went to {store} to put money into my wallet, paid {amt} cash, cashier said done, receipt in my hand, balance zero. please credit it
`,
  payment_failed: `
+ paid at {merchant}, money taken, order still unpaid. what a scam
tried to pay at {merchant} with the wallet and it got declined
scan QR at the cashier failed twice, so embarrassing
my {bill} payment failed but the money was deducted
got charged twice for one order on {merchant}
payment keeps failing at checkout even though I have enough balance
paid {amt} for {bill} but the status still says unpaid
QRIS payment error at the restaurant, it just spins then fails
why was my payment declined? balance is more than enough
online checkout on {merchant} says payment failed, but my saldo went down
double charged for the same transaction {time}
cant pay my {bill} bill, the button does nothing then error
merchant says they didn't receive my payment but it's gone from my wallet
my payment to {merchant} is stuck processing
each time i pay with the wallet at {merchant} i get "payment declined"
paid for a movie ticket, payment failed, ticket not issued, money gone
paid the delivery order with wallet, app said failed, restaurant also says not paid
paying with QR at the minimarket: transaction failed
charged two times for {bill}
payment was rejected at the store, they said the QR is invalid
order on {merchant} cancelled due to failed payment but I was charged {amt}
bought electricity token, payment success but no token number
scanned the QR code and the amount was deducted but merchant screen says not paid
the payment page just says "something went wrong" when I try to pay
purchase of {amt} at {merchant} failed, please refund me
i got a "limit exceeded" error when paying a merchant, never had this before
can't complete payment for my {bill}, it says transaction failed
paying for my ride with the wallet fails so the driver asked for cash
checkout with the wallet on {merchant} times out every time
i paid my {bill} twice by mistake, the system let it through twice
my bpjs payment is being rejected
payment to the merchant failed but the amount is on hold
my payment didn't go through but i see the charge in history
pay later isn't the issue, even normal payment with balance fails at {merchant}
tried to buy phone credit, it failed and saldo deducted {amt}
merchant QR payment error code 51
payment failed
bought something online and the payment bounced but my balance dropped
cashier scanned my code, it said failed, then I paid again and now I was charged two times
paying bills in the app never works for me, always "transaction failed"
why can't i pay with my wallet at {merchant} anymore
transaction declined at the merchant, is there a problem with my wallet
i paid {amt} for my order but {merchant} still shows waiting for payment
can't pay for my {bill}, please fix
QR payment got stuck and the amount is now hanging
my wallet payment keeps getting declined when i shop online
i was paying for groceries at {merchant} with the wallet, the screen showed payment failed, but {amt} was taken from my balance and the cashier says they got nothing
every time i try to pay my {bill} bill in the app it says "payment could not be processed", i have enough balance, tried {n} times
checked out on {merchant} using the wallet, got charged but the order still says awaiting payment. I need either the order or my money
`,
  transfer_failed: `
+ transfer failed but the money is gone, this app is a scam
my transfer to {bank} failed but the money left my wallet
sending money to my friend's wallet keeps failing
transfer to bank account rejected, says invalid account number
i tried to send {amt} to my mom and it says transaction failed
can't transfer to another user, it says recipient not found
bank transfer stuck on processing since {time}
transfer to {bank} returned as failed, where is my money
send money not working, error every time i press confirm
my transfer was rejected by the destination bank
transfer failed with message "beneficiary account inactive"
i want to send money to {bank} but it always fails at the last step
sent {amt} to a wallet number, it bounced back as failed
why does my transfer keep getting declined
transfer to my own bank account failed twice today
money transfer to a friend says "failed, try again later"
tried sending to {bank} {n} times, all failed
cant withdraw to {bank}, transfer error
transfer status changed from pending to failed, no explanation
i'm unable to transfer to other {ewallet} users
transferring {amt} to my landlord failed, rent is due today
my transfer was returned, the bank code might be wrong? it said failed
tried paying back my friend through the app, transfer failed
transfer failed but the balance was deducted {amt}
the app won't let me send money, says "transfer unavailable"
interbank transfer failed, reference number given but recipient got nothing and it says failed
can't send to my sister's account, it keeps erroring
outgoing transfer reversed as failed after {days}
every transfer i make gets rejected since {time}
transfer to {bank} virtual account failed
need to send money urgently but transfer fails each time
i tried to transfer and got error code TRF-02
sending balance to another phone number fails
the transfer didn't go through, recipient says nothing arrived and my app shows failed
bank transfer out failed, limit? i only sent {amt}
transfer keeps failing at pin confirmation
transfer fail
i tried to send money to my friend's account at {bank}, it says failed and the money is still deducted
sending money not successful
i keep getting an error when i try to transfer money out
transfer to another number not going through
how come my transfers to bank keep failing since {time}
the money i sent bounced back as failed transfer
can't transfer, it just says "failed" after i enter pin
my transfer to {ewallet} failed
the transfer to my family failed, need it sent today
i'm trying to send {amt} to my brother's {bank} account for his school, but the transfer fails at the last step every time and says try again later
transferred money to a friend's wallet number, it showed processing for an hour and then failed, and the balance has not come back
can you transfer money to {bank}? because mine keeps getting rejected with invalid account even though i copied the number from his app
`,
  funds_not_received: `
+ my friend sent me money days ago and nothing arrived, are you guys scammers?
my friend sent me {amt} but i didn't receive it
refund from {merchant} still not in my wallet after {days}
cashback from my purchase never arrived
i withdrew {amt} to my {bank} account and it never arrived
waiting for a refund for a cancelled order, where is it
someone transferred money to me {time}, sender has proof but my balance is the same
the money my customer paid me through the wallet is not in my balance
the merchant says the refund was processed {days} ago, still not received
cashback promised for the transaction hasn't been credited
withdrawal to bank shows success but my bank account has nothing
incoming transfer not showing in my balance
my refund for a failed payment hasn't come back
sender says money sent, i didn't get anything
where is my cashback? it said it would come within 24 hours
refund for a returned item from {merchant} still missing
i haven't received the money my buyer sent me
withdraw to {bank} still pending after {days}
I was told the refund takes 3 days, it's been {days}
the reversal for the double charge never came back to me
money from my brother's {bank} account hasn't reached my wallet
when will i get my refund? order was cancelled {time}
cash out to my bank didn't arrive
I am expecting {amt} from a client, they sent it but no notification
points / cashback from the promo were never added
my refund status says completed but i don't see the money
didn't get the money back from the failed transaction
the seller returned my money to the wallet but it's not there
withdrawal money not received in my {bank} account
received a notification of incoming money but balance not updated
the promo cashback {amt} was not credited after i paid
money i should have received {time} is not here
funds sent to me are missing
waiting for my money from a transfer for {days} now
the refund went where? not in wallet, not in card
my payout to bank still hasn't arrived
haven't received my refund
money hasn't come in
my friend says he transferred, the money isn't in my wallet
where is my withdrawal? it's not in my {bank} account
refund not received yet
the cashback from last week still isn't in my account
i requested a withdrawal {days} ago, still not in the bank
incoming money from {bank} is not showing up
the money the shop returned to me hasn't arrived
waiting on a refund of {amt} from {merchant}
my friend sent me {amt} from his wallet {time}, he showed me the success screen with a reference number, but nothing came into my account
i cancelled an order on {merchant} and they say the refund was sent to my wallet {days} ago. my balance hasn't changed. where is it?
i requested to cash out {amt} to my {bank} account, the app says completed but the bank says no incoming money
`,
  unauthorized_transaction: `
there is a transaction in my history that i did not make
my balance disappeared overnight, i didn't spend anything
someone used my account to buy stuff at {merchant}
i see a payment of {amt} that wasn't me
money taken from my wallet without my permission
unknown transfer to a number i don't know
my wallet was drained, all {amt} gone
there are purchases i never made on my account
a strange transaction happened while i was asleep
i did not authorise this payment to {merchant}
someone took my balance, i never shared my pin
my saldo went from {amt} to zero and i did nothing
who made this transaction? it's not me
several small charges i don't recognise
my account was used for top up of game credits, not by me
fraud on my account, money missing
balance suddenly less than it should be, no transaction from me
i got a notification of a payment i never did
somebody is spending my money
strange outgoing transfer i never made, {amt}
a transfer of {amt} went out of my account without me knowing
suspicious transaction in my account, please block it
my balance is missing {amt}, history shows payment to unknown merchant
hacked? there are purchases on my account i never ordered
transaction i don't recognize from {time}
please reverse this unauthorised charge
money gone from wallet and i still have my phone with me
i think someone accessed my account and sent money
my kid didn't do it and neither did i, there's a purchase of {amt}
charges to an online game store i never visited
unrecognised debit on my wallet
there are charges i never agreed to
all my balance was moved out {time}
saw a transaction at 3am, I was sleeping
someone paid bills with my balance
there's a charge on my account i didn't make
my money is gone and i didn't use it
i never made this transfer
someone spent my balance
there are payments from my account i don't know about
money missing from my wallet, transaction history shows things i didn't do
i just got a notification for a {amt} purchase, that was not me!
please check, unknown transactions on my wallet {time}
someone is using my wallet without permission
my balance dropped by {amt} and i didn't do any transaction
i just checked my history and there are {n} payments to a merchant i have never heard of, total {amt}. i did not make them and nobody else uses my phone
woke up to a notification that {amt} was sent from my wallet. i was asleep. i never shared my pin. please stop it and return my money
my balance was {amt} yesterday and today it's almost empty, there are transactions in the history that I don't recognize
`,
  account_locked: `
my account is blocked, how do i unblock it
account suspended for no reason
why is my account frozen?
it says my account has been restricted
my wallet is locked after i entered the wrong pin too many times
how can i reactivate my suspended account
account temporarily blocked, when will it be open again
i can't use my account, it says under review
need to verify my identity to unlock my account
my account got deactivated, please help restore it
they froze my account and my balance is stuck inside
what documents do i need to unblock my account
account limited, can't transfer or pay
the app says "your account is blocked, contact customer service"
my account was closed without notice
got banned from the wallet, why?
account on hold since {time}
account restricted, what did i do wrong
how long does it take to unfreeze an account
upgraded kyc but my account is still locked
my account is permanently blocked? i have {amt} in there
locked out because of suspicious activity flag
please unlock my account, i already sent my ID
blocked account, need my money back
i was told my account is suspended pending verification
the account is disabled, how to enable it again
my account got blocked after I changed phones
my account keeps saying 'account frozen'
why am i restricted from using the balance
unblock my wallet please
selfie verification to reactivate my account keeps getting rejected
account blocked, support told me to wait but it's been {days}
is my account blacklisted? every feature is disabled
my account got suspended and i need to use it today
my account was suspended for violating terms but i did nothing wrong
account blocked
my account is frozen
why my account suspended
my account says restricted, can i unlock it?
the wallet is blocked and i can't access my money
i need my account unblocked urgently
how do i get my account unfrozen
what should i do, my account got locked
my account has been restricted, please reactivate
i got a message that my account is suspended, why?
when i open the app it says my account is temporarily blocked for security reasons. i haven't done anything wrong, how do i get it unblocked?
my account was suspended after i entered the wrong pin a few times, now i can't use my balance. what do i need to do to unlock it?
i uploaded my ID and selfie to reactivate my frozen account {days} ago but it's still frozen
`,
  login_problem: `
i can't log in to my account
forgot my pin, how do i reset it
the OTP never arrives when i try to log in
i got a new phone and can't log into my wallet
verification code sms not received
forgot my password, reset link doesn't come
login keeps failing even though my pin is correct
i changed my sim card and now i can't sign in
entered the otp but it says wrong code
can't login, it keeps asking for a verification code that never comes
how do i log in if i lost my old phone number
reset pin not working
the login code goes to my old email
stuck on the login screen after entering otp
it says incorrect pin but i'm sure it's right
can't receive otp via whatsapp or sms
i forgot the email I used to register so can't login
i forgot my security pin
i uninstalled the app and now can't sign back in
not getting the verification email to log in
login on a new device requires otp that never comes
how to recover my account if i forgot the password
the otp takes forever so i can't log in
log in failed "session expired" every time
reinstalled the app, can't get past the phone verification
otp code not coming in, tried {n} times
i don't remember my pin anymore
can't get into my account since i changed my number
my fingerprint login stopped working and i forgot the pin
login says "device not registered"
how can i get into my account on my new phone
can't sign in, otp is always invalid
I keep getting "wrong code" when logging in
no sms code when logging in with my number
password reset email never arrives
can't login
forgot pin
no otp
i can't sign in to the app, the otp code doesn't arrive
i changed my phone and now can't get into my account
forgot my password and can't login
the login page keeps saying my pin is wrong
how do i login if i don't get the verification code
i can't access my account, forgot the pin and the reset doesn't work
after changing number i can't log in
i bought a new phone and installed the app, but when i try to log in the otp sms never arrives. my number is still the same
i haven't used the app for a while and forgot my pin. the forgot pin option asks for a code sent to an email i can't access anymore
every time i log in it says the code is invalid even though i type it right away
`,
  security_setup: `
how do i turn on two-factor authentication
i want to change my pin
how can i make my account more secure
can i add fingerprint lock to the app
how do i remove an old device from my account
is it safe to save my card in the wallet
how do i log out from all devices
how do i set up a security pin for payments
how do i change my pin regularly
what should i do to keep my wallet safe
how to make sure nobody else can access my wallet
where is the setting for trusted devices
should i share my otp with anyone? just asking
how do i enable face id for payments
is there a way to lock the app with a password
tips to protect my account from hackers
how often should i change my pin
how to set up 2fa with an authenticator app
is biometric login safer than pin?
i want extra security for transfers above {amt}
how do i know which devices are logged in to my account
change pin option where?
can i require pin for every payment
what is the best way to keep my pin secret
how do i secure my account if i lend my phone to someone
can i turn off payments without pin
how to enable security question
recommend settings for safety
my pin is my birthday, should i change it?
how to add a backup phone number for security
i want to make my pin longer
can i block transactions from new devices
what is the safest way to use the wallet
how to turn on two step verification
how do i change the pin if i still remember the old one
change pin
how to secure my account
how do i set up 2fa
i want to enable fingerprint for my account
how to protect my wallet
can i change my pin in the app
what security features do you have
how do i make my account safer
how to turn on login verification
is there a way to lock my account with face id
my friend's account got hacked last week so i want to make mine safer. what settings should i turn on?
i'd like to add an extra verification step before any transfer, is that possible?
how can i see all phones that are logged in to my account and remove the ones i don't use anymore?
`,
  phishing_report: `
i got an sms saying i won a prize from the wallet and need to click a link
someone called me pretending to be customer service and asked for my otp
is this email from you? it asks me to verify my account via a link
a whatsapp number claims to be official support and wants my pin
received a message saying my account will be blocked unless i click this link
a fake instagram account is offering cashback if i send my otp
someone called saying they are from the wallet and asked me to read the code
i clicked a suspicious link, was it really from you?
report: phishing site pretending to be the wallet login page
got a call from a "bank officer" asking for my verification code
there's a facebook page using your logo asking for money
sms with a link to claim {amt} bonus, is it legit?
a person on telegram says he's your admin and asks for my pin
i received an email asking me to update my data at a weird website
scam call asking me to install an app to "fix my account"
someone dm'd me saying i won a giveaway, need to pay admin fee first
is {phone} your official number? they asked for my otp
a caller knew my name and asked me to confirm the code sent to me
suspicious message from "Sapa Official" asking to transfer to unlock
fraudsters asking for my pin pretending to be the company
i want to report a fake customer service account
got a link to a fake promo page, want to report it
somebody claiming to be from the wallet asked for my password by phone
is this legit? sms says my balance is frozen and to call a number
they sent me a link saying it's the new version of your app
received an email with an attachment from "security team", looks fake
someone tried to scam me with a fake refund link
a man called saying i need to move my balance to a safe account
got a text about a tax refund via the wallet, seems like a scam
report a scam number pretending to be support
got a call from someone saying my account was hacked and i must tell them the otp
I think I got a phishing sms today
there's a website copying your login page
fake cs keeps calling me
the link in this sms looks like yours but the address is strange
is this a scam?
someone asked for my otp
i got a suspicious sms with a link
a person called me saying he's from the wallet and wanted my pin
fake website pretending to be you
somebody is pretending to be your customer service
i received a strange email about my account, is it real?
someone on whatsapp asked for my verification code, is that you?
a stranger called asking for my pin, i think it's fraud
i want to report a phishing message
a man called me saying he was from the wallet's security department, he knew my name and asked me to read him the otp to "cancel a suspicious transaction". i hung up. is this you?
i got an sms that my account will be deactivated today unless i verify at a link that looks almost like your website. report this
someone on instagram with your logo messaged me offering a {amt} cashback if i give my pin
`,
  support_unreachable: `
i can't reach customer service at all
the live chat won't load
i've been calling your hotline for hours and nobody answers
emailed support {days} ago, no reply
the support page shows an error when i submit a ticket
chat with an agent keeps disconnecting
waited in the chat queue for an hour, nobody came
your call center just keeps me on hold forever
the help button in the app does nothing
support form gives error 500
why does nobody answer the phone?
i sent {n} emails and got no answer
chat support is stuck on "connecting to agent"
your hotline is always busy
cannot open the help center page
i wrote to support through the app but never got a reply
nobody responds to my messages in the chat
the contact us page is broken
the phone line is always busy and then cuts off
customer service not responding for {days}
it's impossible to get hold of anyone from support
waiting too long for a reply from customer service
i keep getting an automatic reply and nothing else
the chat window is blank when i open it
tried to call cs, it says number not in service
my emails to support are ignored
i've been waiting {days} for a callback that never came
the helpdesk website doesn't load on my phone
live chat says agents are unavailable every time
no response from support on twitter either
cs is unreachable, what is going on
my ticket submission fails every time
i messaged the official whatsapp, it only shows one grey tick
support chat closes by itself before an agent answers
the queue number never moves in chat
can't contact cs
nobody answers
no one replies to my chat
i've been trying to reach support all day
the cs chat doesn't work
your call center never picks up
i emailed you {days} ago and still no reply
customer service is not responding at all
i can't get through to anyone at support
the support chat just keeps loading
i have been trying to contact customer service for {days}, the chat says an agent will join but nobody ever joins, and the phone line is always busy
i sent an email to support about my problem {days} ago and never got any response, not even an automatic one
the help page in the app shows an error whenever i try to open a ticket, so i can't even report my problem
`,
  app_problem: `
the app keeps crashing when i open it
app freezes on the loading screen
i get an error message every time i open the app
the app won't open after the latest update
app is stuck on a white screen
the website doesn't work in my browser
the app closes by itself when i tap pay
app says "something went wrong" on the home page
i can't update the app from the play store
the app is very slow and laggy
after updating, the app won't even start
the app is not compatible with my phone anymore
app shows blank screen on iphone
every time i open the history tab it crashes
the app force closes on android {n}
the web version doesn't load in chrome
the app freezes when I open the promo page
the app keeps asking me to update but there's no update available
app hangs when scanning qr
the app logs me out randomly and shows an error
app stuck at splash screen
the buttons in the app don't respond
error "please try again later" everywhere in the app
app crashed in the middle of a transaction
app crashes right after login
the qr scanner shows a black screen
the app icon disappeared after update
the app is stuck updating forever
the app is not loading my balance, just spinning
the website keeps redirecting in a loop
app can't load my transaction history
camera not working inside the app for kyc
app won't install, says not enough space but I have plenty
the app is in the wrong language and I can't change it
app error code 503 when opening
app not working
app crash
the app keeps showing an error
app can't open
the app is very slow
app stuck loading
the app stopped working after update
the app closes when i open it
error on the app every time
the website won't load
since the latest update the app crashes every time i open the transfer menu. i tried reinstalling and restarting my phone
the app has been stuck on the loading screen since {time}, my friends' apps work fine so it's just me
on the website the payment page stays blank in chrome and firefox, i cleared the cache already
`,
  service_status: `
is the wallet down right now?
is there an outage today?
are you under maintenance?
is anyone else having problems or is it just me?
is the transfer service down at the moment?
any maintenance scheduled tonight?
is the system having issues right now
are payments down?
is there a problem with the server today
when will the maintenance finish
is top up via {bank} currently disrupted
the whole service seems down, is it?
is the system down? nothing loads for me or my friends
are you aware of the outage?
is the app down for everyone?
is QR payment working right now
when is the next scheduled maintenance
is the service back up?
are your services up again?
is there downtime this weekend?
is the {bank} top up channel having trouble today
are there known issues right now
status of the system? nothing works
are transfers delayed today because of a disruption
is the wallet offline?
is maintenance still going on?
is {bill} payment service available now
server down again?
are you having a network problem today
any disruption with withdrawals now
is everything working normally today?
is there a disruption going on at the moment
is it down in jakarta only or everywhere
how long will the outage last
is the website down
is the app down?
is there an outage?
is the system down right now
is there a disruption today
maintenance now?
server down?
are your services working now
is there a problem with your system today
is everything down
is transfer down now
nothing is working for me, transfers and payments both fail. is there an outage right now or is it my account?
i saw people complaining online that the wallet is down, is that true? when will it be back?
are you doing maintenance right now? the app says service temporarily unavailable
`,
  contact_channels: `
what is your customer service phone number?
how can i contact support?
do you have an email address for complaints?
is there an official whatsapp number?
what's your instagram account?
where can i chat with customer service?
do you have a community forum?
how do i reach you besides the app?
give me the call center number
what is the support email?
is there live chat on the website?
do you have a twitter account for support?
how can i contact you by phone?
what is the official customer service email
what are the ways to contact customer service
do you have a hotline?
do you have a line or whatsapp account?
is there a number i can call?
where do i find the contact information
what's the official email for customer support
how to contact cs
do you have a telegram channel
where can I talk to your team
is there a contact email I can write to
can I reach you on whatsapp
do you have a tiktok or youtube for announcements?
what number do i call for help
contact details for the fraud team?
is {phone} really your number?
how do i get in touch with you
is there any way to contact you other than chat
where is the chat feature
how do i email you
list of your official social media accounts please
which channel is fastest to contact you?
contact number?
how to contact you
cs number please
what's your email
how do i contact customer service
what number can i call
where can i contact cs
do you have whatsapp
customer service email address?
social media accounts?
i can't use the chat because of my problem, is there a phone number or an email address where i can reach your support team?
what are the official ways to contact you? i want to make sure i'm not talking to a fake account
`,
  service_hours: `
is customer service available 24 hours?
what are your support hours?
is support open on weekends?
are you open on public holidays?
what time does customer service open?
can i contact support at night?
is live chat 24/7?
until what time can i call the hotline?
does cs work on sundays?
are agents available during lebaran?
what time do your agents start working?
is the call center open on christmas day?
when is customer service closed?
can i reach support at 2am?
operating hours of customer service please
are your agents online on saturday?
do you answer emails on weekends?
what are the working hours of the support team
is support available late at night?
holiday schedule for customer service?
is cs available right now at this hour?
what time does support close today?
does the chat work outside office hours?
is the helpline open 7 days a week?
on what days is the hotline available?
do agents work 24 hours or only office hours?
when can i talk to an agent? what hours?
is the phone line open late?
do you have weekend support for urgent issues?
what are the hours for the merchant helpline?
is support available during the long weekend?
from what time can I chat with cs tomorrow?
are you open on national holidays?
is customer care open during eid holidays
do agents work on saturday and sunday
cs hours?
is cs open now
is support open 24 hours
what time cs open
are you open on sunday
support open on holidays?
what are the working hours
is cs available at night
can i call on saturday
opening hours?
my problem happened at night, is there anyone from support available after office hours or do i have to wait until morning?
are your agents working during the holidays next week or is support closed?
`,
  human_agent: `
i want to talk to a human
connect me to a real person please
can i speak with an agent?
i don't want the bot, give me a live agent
transfer me to customer service staff
let me talk to a real cs
is there a human i can chat with?
stop the automated replies, i need a person
agent please
operator!
i need to speak to someone, not a robot
human please
please pass me to a human agent
can a real person handle my case?
your bot doesn't understand me, get me an agent
talk to representative
i want live chat with an actual person
connect to human support
can you put me through to an operator
i'd like to speak with a customer service officer
you're a bot right? i want a human
need real human assistance
escalate this chat to an agent please
i want to chat with staff
talk to an agent now
is there anyone real here?
get me a person who can help
this assistant is useless, human agent please
can i talk to someone directly?
live agent
please let a real cs reply to me
i prefer talking to a human being
connect me with your team member
switch to an agent
i need a person, not automatic answers
human
real agent please
i want to talk to a person
talk to human
can i speak to someone
agent
real person please
i want a live agent
connect me to an agent
i need a human
your automated answers don't solve my issue, please transfer me to a live agent
can you connect me with one of your staff? i need someone who can actually check my transaction
i've explained my problem three times to this bot. i want a human now
`,
  complaint: `
i want to file a formal complaint
this is unacceptable, i want to escalate this
i will report you to OJK
how do i submit a complaint about your service?
i'm going to take this to bank indonesia
i want to lodge a complaint about the agent who handled me
i demand to speak to a manager about this
your service is terrible and i want to complain officially
i'm filing a dispute with the consumer protection agency
how do i escalate a complaint
i want to escalate my case to a supervisor
i will report this to the ombudsman
i want to make an official complaint
this is the third time, i'm escalating to the regulator
where can i file a complaint
i'm not satisfied with the resolution, i want to appeal
i'll take legal action if this isn't resolved
formal complaint: my money was lost because of your system
i want my complaint recorded
your customer service was rude, i want to complain
how do i escalate to higher management
i will post this on social media and report to YLKI
complaint about unfair account closure
i want to dispute the decision on my case
lodging a grievance about poor service
please register my complaint officially
i'm reporting your company to the authorities
i want to complain about the long wait times
escalate please, this has gone on too long
i will bring this to the authorities
submit complaint to the financial services authority
who do i complain to about a bad experience
i need the complaint procedure
i'm very disappointed and want to file an official complaint
bring this to BPSK if you don't fix it
i want to complain
complaint
i want to file a complaint
i'm going to report you
i want to make a complaint
escalate my complaint
how to complain
i want to report this to ojk
i am filing a formal complaint
your service is bad, i want to complain officially
i've reported the same issue {n} times and nobody fixes it. i want to file a formal complaint and escalate this to management
if my money is not returned this week i will file a complaint with OJK and the consumer protection agency
i want to complain about how your agent treated me on the phone, he was rude and ended the call
`,
  update_account_info: `
how do i change my registered phone number?
i want to update my email address
my name is misspelled on my account, how to fix it
how can i change my address in the profile
i changed my number, need to update it in the wallet
update my date of birth please
how to change the email linked to my account
i got married and want to change my name
can i change my phone number without the old sim
where do i edit my profile details
i need to update my id card number
how to replace the registered email
change of address
how do i change my registered email
how do i change my username
want to update personal information
my old number is no longer active, how do i change it to the new one
how can i correct my birth date
can i change the name on my account
update phone number for my wallet
the email on my account is wrong
how do i change my mother's maiden name in the profile
i moved to a new city, how to update my address
need to change my KTP data
edit my profile data
change registered mobile number
update my home address
my surname is wrong in the app
change my account email to a new one
how to update my NPWP in my profile
i want to change my linked phone number to my new one
can i update my gender in the profile
where do i change personal data
change the name on the account to match my ID
how long does it take to update my data
change phone number
change email
update my name
how to change my number
i want to change my email address
change my address
update my profile
how to edit my name
change registered number
how to update personal data
i lost my old sim card and got a new number. how can i change the phone number on my wallet account when i can't receive sms on the old one?
my name on the account doesn't match my ID card, there's a typo. how do i correct it?
i want to change the email linked to my account because i no longer use the old one
`,
  case_followup: `
any update on my ticket?
i reported a problem {days} ago, what's the status?
what's happening with my complaint?
my case number is {ticket}, any news?
still waiting for a response on my ticket
can you check the progress of my report?
it's been a week since i opened a case, nothing
follow up on my previous complaint
has my issue been resolved yet?
you said you'd get back to me in 3 days, it's been {days}
status of ticket {ticket}?
i already reported this, when will it be fixed?
my ticket has no update for days
checking on my case from last week
i was promised an update, still nothing
is anyone working on my ticket?
what is the status of my refund request case?
following up on {ticket}
how long will the investigation take?
my complaint from {time}, any progress?
i submitted a report about the failed transfer, any update?
i'm still waiting on the outcome of my dispute
can you update me on my open case
is my case being handled?
why is my ticket still open after {days}?
any news regarding my case?
just checking if there's an update
the agent said they'd escalate my case, did that happen?
i reported {n} times, any update?
please give me an update on my report
my case is still "in progress" after a month
reminder: ticket {ticket} still unresolved
did the team look into my issue yet
when can i expect an answer on my case
what happened to my complaint?
any update?
status of my ticket
my ticket?
what happened to my report
any news on my case
i'm still waiting for an update
update on my complaint please
what's the progress on my ticket
it's been {days}, any update on my case?
following up my ticket
i reported a failed transfer {days} ago and got ticket {ticket}. nobody has contacted me since. what's the status?
your agent told me my case would be solved within 3 working days. it's been more than a week, any update?
just following up on my complaint from last week, has anyone looked at it yet?
`,
  out_of_scope: `
what's the weather in jakarta tomorrow?
tell me a joke
who won the football match last night?
recommend a good restaurant in bandung
how do i cook fried rice?
what is the capital of australia?
give me a recipe for rendang
how much is a flight to bali?
what's the best football team in europe?
translate "good morning" into japanese
best phones under 3 million?
how do i lose weight fast
who is the president of france
what movie should i watch tonight
can you help me with my homework
what's the price of gold today
how to apply for a credit card at another bank
i love you
what time is it in new york
how do i fix my wifi router
recommend a song
is it going to rain today?
tell me about the history of java
how do i make coffee with a french press
what is bitcoin price now
which laptop is best for students
how to get a visa to japan
good night
my cat won't eat, what should i do
where can I buy cheap sneakers
what's your favourite colour?
how do i learn english quickly
what are the symptoms of dengue
how to plant chili at home
can you sing?
hi
what's up
how are you
thank you
who are you
what is the meaning of life
do you like music
ok
what is your name
nice
can you recommend a good place for a holiday in yogyakarta with kids?
what's the difference between a virus and bacteria?
help me write a message to my boss asking for a day off
`,
};
